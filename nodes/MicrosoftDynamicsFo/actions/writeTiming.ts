/**
 * The write timing options of the posting operations (customer upsert, sales order, payment,
 * credit note), described and read in one place: how long a write may take, and how long a write
 * whose answer was lost is looked for before it counts as absent and may be sent again. F&O
 * writes sales order lines at seconds per line, so both are minutes, not seconds.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { WriteSettings } from '../posting/writeTiming';

const MINUTE_MS = 60_000;

/** Entries for the end of an operation's Options collection (alphabetical: they start with W). */
export const writeTimingOptions: INodeProperties[] = [
	{
		displayName: 'Write Settle Window (Minutes)',
		name: 'settleWindowMinutes',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 0,
		description:
			"After a write whose answer was lost (timeout, dropped connection, gateway error), how long the node keeps looking for the record before it counts as absent and is sent again. F&O's transaction can commit after the client gave up. 0: as long as the write timeout.",
	},
	{
		displayName: 'Write Timeout (Minutes)',
		name: 'writeTimeoutMinutes',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		// DEFAULT_WRITE_TIMEOUT_MS in minutes (a literal for n8n's lint; a unit test holds them equal).
		default: 15,
		description:
			'How long one write may take. F&O takes seconds per sales order line; the default fits a 200-line order.',
	},
];

/** The options above as the posting settings take them (ms); unset or 0 = the defaults. */
export function writeTimingFrom(options: IDataObject): WriteSettings {
	const ms = (name: string) => {
		const minutes = Number(options[name]);
		return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * MINUTE_MS) : undefined;
	};
	return { writeTimeoutMs: ms('writeTimeoutMinutes'), settleWindowMs: ms('settleWindowMinutes') };
}
