/**
 * What every write rule is handed (the store, the switches, the write's company and the fields the
 * client sent), and the one test they all make of a field: blank. Apart from the rules themselves
 * (./numberSequences.ts, ./recordDefaults.ts, ./validations.ts, ./pricing.ts, ./tax.ts) so each
 * can import it without importing the others.
 */
import type { D365Store } from './store';
import type { D365Switches } from './switches';

export interface RuleContext {
	store: D365Store;
	switches: D365Switches;
	company: string;
	/** Fields the client sent (after coercion). */
	sent: Record<string, unknown>;
}

/** A field F&O treats as not given: absent, empty or null. */
export const blank = (v: unknown) => v === undefined || v === '' || v === null;
