/**
 * F&O's error envelopes, worded as F&O words them: the write-failure envelope with its
 * innererror (captured from a duplicate key) and the plain messages without innererror.
 */

export interface ODataResult {
	status: number;
	headers: Record<string, string>;
	/** JSON value, string (text body) or undefined (no body). */
	body?: unknown;
}

export const WRITE_EXCEPTION =
	'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException';
const CREATE_STACK =
	'   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.CreateEntity_Save(ChangeOperationContext context, ChangeInfo changeInfo)\r\n   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.ProcessCreateEntity(ChangeOperationContext context, ChangeInfo changeInfo)';
const UPDATE_STACK =
	'   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.UpdateEntity_Save(ChangeOperationContext context, ChangeInfo changeInfo)\r\n   at Microsoft.Dynamics.Platform.Integration.Services.OData.Update.UpdateProcessor.ProcessUpdateEntity(ChangeOperationContext context, ChangeInfo changeInfo)';

export const JSON_HEADERS = {
	'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8',
	'OData-Version': '4.0',
};

/** `{"error":{"code":"","message":"…"}}`, e.g. "Resource not found for the segment 'CustomersV4'." */
export function plainError(status: number, message: string): ODataResult {
	return { status, headers: { ...JSON_HEADERS }, body: { error: { code: '', message } } };
}

/** An Infolog line: `<Level>: <text>.` (F&O's texts end without the period that joins them). */
export interface InfologLine {
	level: 'Info' | 'Warning' | 'Error';
	text: string;
}

export function infologMessage(aotEntity: string, lines: InfologLine[]): string {
	return `Write failed for table row of type '${aotEntity}'. Infolog: ${lines.map((l) => `${l.level}: ${l.text}.`).join('; ')}`;
}

/** The AxODataWriteException envelope of every write failure. */
export function writeError(
	status: number,
	aotEntity: string,
	lines: InfologLine[],
	operation: 'create' | 'update' | 'delete',
): ODataResult {
	return {
		status,
		headers: { ...JSON_HEADERS },
		body: {
			error: {
				code: '',
				message: 'An error has occurred.',
				innererror: {
					message: infologMessage(aotEntity, lines),
					type: WRITE_EXCEPTION,
					stacktrace: operation === 'create' ? CREATE_STACK : UPDATE_STACK,
				},
			},
		},
	};
}

/** 400 for an unknown property in $filter/$select/$orderby. */
export function unknownPropertyError(property: string, fullTypeName: string): ODataResult {
	return plainError(
		400,
		`Could not find a property named '${property}' on type '${fullTypeName}'.`,
	);
}

/** 400 for an unknown property in a request body (ODataLib's wording). */
export function unknownBodyPropertyError(property: string, fullTypeName: string): ODataResult {
	return plainError(
		400,
		`The property '${property}' does not exist on type '${fullTypeName}'. Make sure to only use property names that are defined by the type.`,
	);
}

export function segmentNotFound(segment: string): ODataResult {
	return plainError(404, `Resource not found for the segment '${segment}'.`);
}

/** 429 of resource-based throttling. */
export function throttledResult(retryAfterSeconds: number, message?: string): ODataResult {
	return {
		status: 429,
		headers: { ...JSON_HEADERS, 'Retry-After': String(retryAfterSeconds) },
		body: {
			error: {
				code: '',
				message:
					message ??
					`This request could not be processed at this time due to system experiencing high resource utilization. Retry the request after ${retryAfterSeconds} seconds`,
			},
		},
	};
}

/** Injected 5xx: JSON "An error has occurred." for 500, an HTML gateway page for 502/503/504. */
export function injectedError(status: number): ODataResult {
	if (status >= 502 && status <= 504) {
		const title =
			status === 502
				? '502 Bad Gateway'
				: status === 503
					? '503 Service Unavailable'
					: '504 Gateway Time-out';
		return {
			status,
			headers: { 'Content-Type': 'text/html' },
			body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
		};
	}
	return plainError(status, 'An error has occurred.');
}
