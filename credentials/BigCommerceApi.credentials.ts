import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A BigCommerce store API account: the store hash and access token for the REST API, and the
 * account's client secret, which verifies Standard Webhooks signatures and derives the secret
 * header our trigger sets on the hooks it registers.
 */
export class BigCommerceApi implements ICredentialType {
	name = 'bigCommerceApi';

	displayName = 'BigCommerce API';

	icon: Icon = {
		light: 'file:../icons/bigcommerce.svg',
		dark: 'file:../icons/bigcommerce.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-bigcommerce-d365/n8n-nodes-bigcommerce-d365#bigcommerce-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Store Hash',
			name: 'storeHash',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'abc123def',
			description: 'The part after /stores/ in the API path shown when the API account was created',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as the X-Auth-Token header',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The API account's client secret. The BigCommerce Trigger uses it to verify webhook signatures and to derive the secret header it sets on its hooks.",
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.bigcommerce.com',
			description:
				'Change only for a test double of the API; requests go to {base URL}/stores/{store hash}/v2 and /v3',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Auth-Token': '={{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/stores/{{$credentials.storeHash}}',
			url: '/v2/store',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"BigCommerce rejected the access token (401): check the store hash and the API account's access token",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'BigCommerce refused access (403): the store hash is wrong or the API account lacks the scopes this pack needs',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No store at this API base URL and store hash (404)' },
			},
		],
	};
}
