import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { validatedEnvironmentUrl } from '../../credentials/common/foEnvironment';
import {
	LockUnavailableError,
	pingRedis,
	withRecordLock,
	type RedisLockSettings,
} from '../common/recordLock';
import { withProcessLock } from '../common/processLock';
import type { OperationContext, RecordLocker } from './actions/context';
import { operations } from './actions/router';
import { legalEntityField } from './descriptions/common';
import { creditNoteFields, creditNoteOperations } from './descriptions/creditNote';
import { customerFields, customerOperations } from './descriptions/customer';
import { entityFields, entityOperations } from './descriptions/entity';
import { legalEntityFields, legalEntityOperations } from './descriptions/legalEntity';
import { paymentFields, paymentOperations } from './descriptions/payment';
import { releasedProductFields, releasedProductOperations } from './descriptions/releasedProduct';
import { salesOrderFields, salesOrderOperations } from './descriptions/salesOrder';
import { MappingError } from './mapping';
import { queryEntities } from './odata';
import { FO_CREDENTIAL } from './transport';

export class MicrosoftDynamicsFo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Dynamics 365 F&O',
		name: 'microsoftDynamicsFo',
		icon: {
			light: 'file:../../icons/dynamics365.svg',
			dark: 'file:../../icons/dynamics365.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Post BigCommerce customers, orders, payments and refunds to Dynamics 365 Finance & Operations, exactly once',
		defaults: { name: 'Dynamics 365 F&O' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: FO_CREDENTIAL, required: true },
			{
				name: 'bigCommerceD365RedisLockApi',
				required: true,
				testedBy: 'redisLockTest',
				displayOptions: { show: { postingLock: ['redis'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Credit Note', value: 'creditNote' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Entity (Any Entity Set)', value: 'entity' },
					{ name: 'Legal Entity', value: 'legalEntity' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Released Product', value: 'releasedProduct' },
					{ name: 'Sales Order', value: 'salesOrder' },
				],
				default: 'salesOrder',
			},
			...customerOperations,
			...legalEntityOperations,
			...releasedProductOperations,
			...salesOrderOperations,
			...paymentOperations,
			...creditNoteOperations,
			...entityOperations,
			{ ...legalEntityField, displayOptions: { hide: { resource: ['legalEntity'] } } },
			{
				displayName: 'Posting Lock',
				name: 'postingLock',
				type: 'options',
				options: [
					{
						name: 'In This Process',
						value: 'process',
						description:
							'Executions in this process check-and-create one record at a time (regular mode). Several queue-mode workers can still race.',
					},
					{
						name: 'Redis',
						value: 'redis',
						description:
							"A short lock per record in Redis (queue mode's Redis), across every worker: no concurrent duplicates",
					},
				],
				default: 'process',
				displayOptions: {
					show: {
						resource: ['customer', 'salesOrder', 'payment', 'creditNote'],
						operation: ['upsert', 'create', 'post'],
					},
				},
			},
			...customerFields,
			...legalEntityFields,
			...releasedProductFields,
			...salesOrderFields,
			...paymentFields,
			...creditNoteFields,
			...entityFields,
		],
	};

	methods = {
		credentialTest: {
			async redisLockTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				try {
					await pingRedis(redisSettings(credential.data ?? {}));
					return { status: 'OK', message: 'Connection successful!' };
				} catch (error) {
					return { status: 'Error', message: `Redis did not answer: ${(error as Error).message}` };
				}
			},
		},
		loadOptions: {
			async getLegalEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const entities = await queryEntities(this, 'LegalEntities', {
					select: ['LegalEntityId', 'Name'],
				});
				return entities
					.map((e) => ({
						name: `${String(e.Name || e.LegalEntityId)} (${String(e.LegalEntityId)})`,
						value: String(e.LegalEntityId),
					}))
					.sort((a, b) => a.name.localeCompare(b.name));
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const handler = operations[resource]?.[operation];
		if (!handler)
			throw new NodeOperationError(
				this.getNode(),
				`Unsupported operation ${resource}:${operation}`,
			);

		const credentials = await this.getCredentials(FO_CREDENTIAL);
		const environmentUrl = validatedEnvironmentUrl(credentials.environmentUrl);
		const skuCache = new Map();
		const out: INodeExecutionData[] = [];
		const lockSetting = this.getNodeParameter('postingLock', 0, 'process') as string;
		const lock: RecordLocker =
			lockSetting === 'redis'
				? redisLocker(redisSettings(await this.getCredentials(REDIS_LOCK_CREDENTIAL)))
				: processLocker;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const chosen =
					resource === 'legalEntity'
						? ''
						: (this.getNodeParameter('dataAreaId', itemIndex, '') as string);
				const dataAreaId = (chosen || String(credentials.dataAreaId ?? '')).trim().toLowerCase();
				if (!dataAreaId && resource !== 'legalEntity') {
					throw new NodeOperationError(
						this.getNode(),
						'No legal entity: choose one on the node or set a default in the credential',
						{ itemIndex },
					);
				}
				const context: OperationContext = {
					fn: this,
					itemIndex,
					dataAreaId,
					environmentUrl,
					skuCache,
					lock,
				};
				const result = await handler(context);
				for (const json of Array.isArray(result) ? result : [result]) {
					out.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				const wrapped =
					error instanceof MappingError
						? new NodeOperationError(this.getNode(), error.message, {
								itemIndex,
								description: `Nothing was written (${error.code}).`,
							})
						: error instanceof LockUnavailableError
							? new NodeOperationError(this.getNode(), error.message, {
									itemIndex,
									description:
										'Another execution is posting this record. The item was not posted; run it again.',
								})
							: error;
				if (this.continueOnFail()) {
					out.push({
						json: {
							error: (wrapped as Error).message,
							audit: { action: 'failed', reason: (wrapped as Error).message },
						},
						pairedItem: { item: itemIndex },
					});
					continue;
				}
				if (wrapped instanceof NodeOperationError && wrapped.context.itemIndex === undefined)
					wrapped.context.itemIndex = itemIndex;
				throw wrapped;
			}
		}
		return [out];
	}
}

const REDIS_LOCK_CREDENTIAL = 'bigCommerceD365RedisLockApi';

function redisSettings(data: IDataObject): RedisLockSettings {
	return {
		host: String(data.host || 'localhost'),
		port: Number(data.port || 6379),
		user: (data.user as string) || undefined,
		password: (data.password as string) || undefined,
		database: Number(data.database || 0),
		ssl: Boolean(data.ssl),
		namespace: (data.namespace as string) || undefined,
	};
}

/** Queue first in this process, then take the Redis lock: fewer round trips to Redis under bursts. */
function redisLocker(settings: RedisLockSettings): RecordLocker {
	return async (name, work) =>
		await withProcessLock(name, async () => await withRecordLock(settings, name, work));
}

const processLocker: RecordLocker = async (name, work) => await withProcessLock(name, work);
