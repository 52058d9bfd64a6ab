import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The Redis the Dynamics 365 F&O node takes its posting locks in (in queue mode, the one n8n
 * already runs). Tested by the F&O node's `redisLockTest` (a PING), as Redis speaks no HTTP.
 */
export class BigCommerceD365RedisLockApi implements ICredentialType {
	name = 'bigCommerceD365RedisLockApi';

	displayName = 'Redis (F&O Posting Lock) API';

	icon: Icon = {
		light: 'file:../icons/dynamics365.svg',
		dark: 'file:../icons/dynamics365.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-bigcommerce-d365/n8n-nodes-bigcommerce-d365#exactly-once-in-plain-words';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: 'localhost' },
		{ displayName: 'Port', name: 'port', type: 'number', default: 6379 },
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Leave empty without Redis ACL users',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Database Number', name: 'database', type: 'number', default: 0 },
		{ displayName: 'SSL', name: 'ssl', type: 'boolean', default: false },
		{
			displayName: 'Namespace',
			name: 'namespace',
			type: 'string',
			default: 'n8n-bigcommerce-d365:lock:',
			description:
				"Every lock name starts with this, so locks never collide with n8n's own data in Redis",
		},
	];
}
