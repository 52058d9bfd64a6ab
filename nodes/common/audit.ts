/** The audit record every write in the pack emits on its output item. */
import type { IDataObject } from 'n8n-workflow';

export type AuditAction =
	'created' | 'updated' | 'skipped-duplicate' | 'failed' | 'dry-run' | 'skipped';

export interface AuditRecord extends IDataObject {
	action: AuditAction;
	entity: string;
	keys: IDataObject;
	dataAreaId: string;
	bigcommerceId: string;
	/** HTTP requests sent to F&O for this record (reads and writes). */
	attempts: number;
	startedAt: string;
	finishedAt: string;
	/** Why it was skipped or failed, or where a duplicate was found (`static-data`, `f&o`, `key-conflict`). */
	reason?: string;
}

export class AuditTrail {
	private readonly startedAt = new Date().toISOString();
	private requests = 0;

	constructor(
		private readonly entity: string,
		private readonly dataAreaId: string,
		private readonly bigcommerceId: string,
	) {}

	/** Count HTTP requests (a request's own retries included). */
	count(attempts = 1): void {
		this.requests += attempts;
	}

	get attempts(): number {
		return this.requests;
	}

	record(action: AuditAction, keys: IDataObject, reason?: string): AuditRecord {
		const record: AuditRecord = {
			action,
			entity: this.entity,
			keys,
			dataAreaId: this.dataAreaId,
			bigcommerceId: this.bigcommerceId,
			attempts: this.requests,
			startedAt: this.startedAt,
			finishedAt: new Date().toISOString(),
		};
		if (reason) record.reason = reason;
		return record;
	}
}
