import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { validatedEnvironmentUrl } from './common/foEnvironment';
import { acquireFoToken, FRESH_LOGIN_HEADER, type FoAuthSettings } from './common/foToken';

export function authSettings(credentials: ICredentialDataDecryptedObject): FoAuthSettings {
	return {
		tenantId: String(credentials.tenantId ?? ''),
		clientId: String(credentials.clientId ?? ''),
		authentication: credentials.authentication === 'certificate' ? 'certificate' : 'clientSecret',
		clientSecret: credentials.clientSecret as string | undefined,
		privateKey: credentials.privateKey as string | undefined,
		thumbprintSha256: credentials.thumbprintSha256 as string | undefined,
		environmentUrl: validatedEnvironmentUrl(credentials.environmentUrl),
		authorityHost: (credentials.authorityHost as string) || undefined,
		tokenEndpoint: (credentials.tokenUrl as string) || undefined,
	};
}

/**
 * Dynamics 365 Finance & Operations through an Entra ID app registration (client credentials),
 * with a client secret or a certificate. Tokens come from MSAL's per-process cache on every
 * request and are renewed before they expire.
 */
export class MicrosoftDynamicsFoApi implements ICredentialType {
	name = 'microsoftDynamicsFoApi';

	displayName = 'Microsoft Dynamics 365 F&O API';

	icon: Icon = {
		light: 'file:../icons/dynamics365.svg',
		dark: 'file:../icons/dynamics365.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-bigcommerce-d365/n8n-nodes-bigcommerce-d365#dynamics-365-fo-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment URL',
			name: 'environmentUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://contoso.operations.dynamics.com',
			description: 'The full URL of the F&O environment; it is also the token audience',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'The Directory (tenant) ID of the app registration',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Application (client) ID, registered in F&O under Microsoft Entra applications',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Certificate', value: 'certificate' },
				{ name: 'Client Secret', value: 'clientSecret' },
			],
			default: 'clientSecret',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['clientSecret'] } },
		},
		{
			displayName: 'Private Key (PEM)',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY-----',
			displayOptions: { show: { authentication: ['certificate'] } },
			description: "The certificate's private key in PEM (PKCS#8)",
		},
		{
			displayName: 'Certificate Thumbprint (SHA-256)',
			name: 'thumbprintSha256',
			type: 'string',
			default: '',
			displayOptions: { show: { authentication: ['certificate'] } },
			description: "The certificate's SHA-256 thumbprint in hex, as shown in the app registration",
		},
		{
			displayName: 'Default Legal Entity',
			name: 'dataAreaId',
			type: 'string',
			default: '',
			placeholder: 'usmf',
			description: 'The company (dataAreaId) nodes use unless they choose another',
		},
		{
			displayName: 'Authority Host',
			name: 'authorityHost',
			type: 'string',
			default: 'https://login.microsoftonline.com',
			description: 'Change for sovereign clouds, e.g. https://login.microsoftonline.us',
		},
		{
			displayName: 'Token URL Override',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			description:
				"Advanced: a token endpoint to use instead of the authority's own (test doubles, unusual authorities). Leave empty for Entra ID.",
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// After a 401 the request core asks once for a fresh token instead of MSAL's cached one.
		const headers = { ...requestOptions.headers };
		const renew = Object.keys(headers).some((name) => name.toLowerCase() === FRESH_LOGIN_HEADER);
		for (const name of Object.keys(headers))
			if (name.toLowerCase() === FRESH_LOGIN_HEADER) delete headers[name];
		const token = await acquireFoToken(authSettings(credentials), { renew });
		requestOptions.headers = { ...headers, Authorization: `Bearer ${token}` };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.environmentUrl.trim().toLowerCase().replace(/\\/+$/, "")}}',
			url: '/data/LegalEntities',
			qs: { $top: 1, $select: 'LegalEntityId', 'cross-company': true },
			headers: { Accept: 'application/json', 'OData-Version': '4.0' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'F&O refused the token (401): the environment URL must match the token audience exactly, and the client ID must be registered in F&O under System administration > Setup > Microsoft Entra applications',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'F&O denied access (403): give the F&O user mapped to this app the roles it needs',
				},
			},
		],
	};
}
