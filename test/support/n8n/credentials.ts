/**
 * How n8n applies a credential to a request, for tests outside a running n8n:
 * - `authenticate` as a function is awaited with (credentials, requestOptions), as
 *   CredentialsHelper.authenticate does; a generic one has its `={{$credentials.x}}` expressions
 *   resolved by n8n-workflow's own expression engine;
 * - `httpRequestWithAuthentication` authenticates, sends, and wraps any failure in NodeApiError,
 *   as n8n-core does;
 * - `testCredential` runs a credential's declarative test request with its rules.
 * Real n8n hosts exercise the same paths in the e2e suites.
 */
import {
	NodeApiError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { n8nHttpRequest } from './httpRequest';

const noopNodeType: INodeType = {
	description: {
		displayName: 'Test',
		name: 'test',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Test' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
} as unknown as INodeType;

const nodeTypes: INodeTypes = {
	getByName: () => noopNodeType,
	getByNameAndVersion: () => noopNodeType,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

export const testNode: INode = {
	id: 'test-node-id',
	name: 'Test Node',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const workflow = new Workflow({ nodes: [testNode], connections: {}, active: false, nodeTypes });

/** Resolve `={{ ... }}` strings (deeply) with `$credentials` in scope, as n8n does for credentials. */
export function resolveWithCredentials<T>(
	value: T,
	credentials: ICredentialDataDecryptedObject,
): T {
	if (typeof value === 'string') {
		if (!value.startsWith('=')) return value;
		return workflow.expression.getParameterValue(value, null, 0, 0, testNode.name, [], 'internal', {
			$credentials: credentials,
		} as never) as T;
	}
	if (Array.isArray(value)) return value.map((v) => resolveWithCredentials(v, credentials)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, resolveWithCredentials(v, credentials)]),
		) as T;
	}
	return value;
}

function resolveTemplate(value: string, credentials: ICredentialDataDecryptedObject): string {
	// Strings like '=https://x/{{$credentials.a}}' and '{{...}}' inside baseURL.
	const expression = value.startsWith('=') ? value : `=${value}`;
	return String(resolveWithCredentials(expression, credentials));
}

export async function applyAuthentication(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const authenticate = type.authenticate;
	if (!authenticate) return options;
	if (typeof authenticate === 'function') return await authenticate(credentials, options);
	const props = resolveWithCredentials(authenticate.properties, credentials);
	return {
		...options,
		headers: { ...options.headers, ...(props.headers as Record<string, string>) },
		qs: { ...options.qs, ...(props.qs as object) },
	};
}

export interface CredentialStore {
	[type: string]: { type: ICredentialType; data: ICredentialDataDecryptedObject };
}

export async function httpRequestWithAuthentication(
	store: CredentialStore,
	node: INode,
	credentialType: string,
	options: IHttpRequestOptions,
): Promise<unknown> {
	try {
		const entry = store[credentialType];
		if (!entry)
			throw new Error(
				`Node "${node.name}" does not have any credentials of type "${credentialType}" set`,
			);
		// n8n hands authenticate a copy of the decrypted data on every request.
		const authenticated = await applyAuthentication(entry.type, { ...entry.data }, { ...options });
		return await n8nHttpRequest(authenticated);
	} catch (error) {
		throw new NodeApiError(node, error as never);
	}
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** A credential's declarative `test`, evaluated the way n8n's credential test evaluates it. */
export async function testCredential(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const test = type.test;
	if (!test) return { status: 'Error', message: 'no test' };
	const request = test.request;
	const baseURL = request.baseURL ? resolveTemplate(request.baseURL, data) : '';
	const url = resolveTemplate(request.url ?? '', data);
	let options: IHttpRequestOptions = {
		method: request.method ?? 'GET',
		url: `${baseURL}${url}`,
		qs: resolveWithCredentials(request.qs ?? {}, data) as IHttpRequestOptions['qs'],
		headers: resolveWithCredentials(request.headers ?? {}, data) as IHttpRequestOptions['headers'],
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		options = await applyAuthentication(type, { ...data }, options);
		const response = (await n8nHttpRequest(options)) as { statusCode: number };
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && response.statusCode === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (response.statusCode >= 400)
			return { status: 'Error', message: `Request failed with status ${response.statusCode}` };
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
