/**
 * The F&O sandbox's records and number sequences. Keys are compared case-insensitively for strings
 * (SQL Server collation); `dataAreaId` is stored lower case. Only the entity
 * keys are unique: nothing else (CustomersOrderReference, …) is checked, as in standard F&O.
 */
import { emptyRecord, type EntityDef, type EntityModel } from './metadata';

export interface StoredRecord {
	recId: number;
	version: number;
	data: Record<string, unknown>;
}

interface StoreState {
	tables: Map<string, Map<string, StoredRecord>>;
	sequences: Map<string, number>;
	nextRecId: number;
}

/** First RecId handed out (F&O's free-text invoice identifiers look like 5637145331). */
const FIRST_REC_ID = 5637145331;

/** Header sets whose lines go with them on delete, and the header key the lines carry. */
const CASCADING_LINES: Record<string, { set: string; key: string }> = {
	SalesOrderHeadersV2: { set: 'SalesOrderLines', key: 'SalesOrderNumber' },
	ReturnOrderHeaders: { set: 'ReturnOrderLines', key: 'ReturnOrderNumber' },
};

export class D365Store {
	private state: StoreState;

	constructor(readonly model: EntityModel) {
		this.state = D365Store.emptyState(model);
	}

	private static emptyState(model: EntityModel): StoreState {
		return {
			tables: new Map([...model.sets.keys()].map((set) => [set, new Map<string, StoredRecord>()])),
			sequences: new Map(),
			nextRecId: FIRST_REC_ID,
		};
	}

	clear(): void {
		this.state = D365Store.emptyState(this.model);
	}

	/** A copy of everything, to roll a changeset back (a changeset is atomic). */
	snapshot(): StoreState {
		return structuredClone(this.state);
	}

	restore(snapshot: StoreState): void {
		this.state = snapshot;
	}

	static normaliseKeyValue(value: unknown): string {
		return typeof value === 'string' ? value.toLowerCase() : String(value);
	}

	keyString(def: EntityDef, values: Record<string, unknown>): string {
		return def.keys.map((k) => D365Store.normaliseKeyValue(values[k])).join('\u0001');
	}

	private table(set: string): Map<string, StoredRecord> {
		const t = this.state.tables.get(set);
		if (!t) throw new Error(`no table ${set}`);
		return t;
	}

	nextRecId(): number {
		return this.state.nextRecId++;
	}

	/** Next value of a number sequence (per company): `USMF-000001`-style unless formatted otherwise. */
	nextNumber(
		sequence: string,
		company: string,
		format: (n: number, company: string) => string,
	): string {
		const id = `${sequence}\u0001${company}`;
		const n = (this.state.sequences.get(id) ?? 0) + 1;
		this.state.sequences.set(id, n);
		return format(n, company);
	}

	/** Next number within a parent (journal LineNumber, free-text line numbers): 1, 2, 3… */
	nextLineNumber(scope: string): number {
		const n = (this.state.sequences.get(scope) ?? 0) + 1;
		this.state.sequences.set(scope, n);
		return n;
	}

	find(set: string, keyValues: Record<string, unknown>): StoredRecord | undefined {
		return this.table(set).get(this.keyString(this.model.get(set), keyValues));
	}

	all(set: string): StoredRecord[] {
		return [...this.table(set).values()];
	}

	list(set: string, dataAreaId?: string): Record<string, unknown>[] {
		return this.all(set)
			.filter(
				(r) => dataAreaId === undefined || String(r.data.dataAreaId) === dataAreaId.toLowerCase(),
			)
			.map((r) => r.data);
	}

	/** Insert a full record; returns false when the key exists. */
	insert(set: string, data: Record<string, unknown>): StoredRecord | undefined {
		const def = this.model.get(set);
		const key = this.keyString(def, data);
		const table = this.table(set);
		if (table.has(key)) return undefined;
		const record = { recId: this.nextRecId(), version: 1, data };
		table.set(key, record);
		return record;
	}

	/** Seed helper: a full record from F&O's empty defaults plus the given fields. */
	seed(set: string, fields: Record<string, unknown>): StoredRecord {
		const def = this.model.get(set);
		const data = { ...emptyRecord(def), ...fields };
		if (def.perCompany) data.dataAreaId = String(data.dataAreaId).toLowerCase();
		const record = this.insert(set, data);
		if (!record) throw new Error(`seed: duplicate ${set} ${this.keyString(def, data)}`);
		return record;
	}

	/**
	 * Deletes the record and, as F&O's delete actions do, the lines of a document header with it: a
	 * sales order's SalesLines go with its SalesTable, a return order's likewise (cascade delete
	 * actions on the tables behind these entities; F&O has no line without its header).
	 */
	remove(set: string, record: StoredRecord): void {
		this.table(set).delete(this.keyString(this.model.get(set), record.data));
		const lines = CASCADING_LINES[set];
		if (!lines) return;
		const company = String(record.data.dataAreaId);
		const number = record.data[lines.key];
		for (const line of this.all(lines.set))
			if (String(line.data.dataAreaId) === company && line.data[lines.key] === number)
				this.table(lines.set).delete(this.keyString(this.model.get(lines.set), line.data));
	}

	legalEntityIds(): string[] {
		return this.all('LegalEntities').map((r) => String(r.data.LegalEntityId));
	}
}
