/**
 * Resource locators ("From List" or "By ID") for fields that name one record of the store or of
 * F&O, and the one reader of their values.
 *
 * Why a reader of our own: a resource locator stores `{ __rl: true, mode, value }`, while the same
 * fields held a plain string before they became locators, and workflows saved then (and the
 * nested Options fields, which n8n hands over as one object) still carry strings. The node keeps
 * typeVersion 1 and reads both shapes the same way here, so a saved workflow runs unchanged and
 * no version fork is needed.
 */
import type { INodeProperties } from 'n8n-workflow';

/** A resource locator's value or a plain string, as the text it names ('' when unset). */
export function locatorValue(raw: unknown): string {
	const value =
		raw !== null && typeof raw === 'object' && '__rl' in raw
			? (raw as { value?: unknown }).value
			: raw;
	if (value === undefined || value === null) return '';
	return String(value).trim();
}

/** The fixed value of a locator or string parameter as an editor list sees it; '' for an expression. */
export function fixedLocatorValue(raw: unknown): string {
	const value = locatorValue(raw);
	return value.startsWith('=') ? '' : value;
}

export interface LocatorGuide {
	displayName: string;
	name: string;
	/** The `methods.listSearch` method of the From List mode. */
	searchListMethod: string;
	/** What one types in By ID mode, e.g. `US-001`. */
	placeholder: string;
	/** Shown under the field in By ID mode: where the id comes from in F&O or the store. */
	idHint: string;
	description: string;
	required?: boolean;
	/** The starting value (By ID when set, else an empty From List). */
	defaultId?: string;
}

/** A resource locator with a searchable list and an id mode. */
export function locatorField(guide: LocatorGuide): INodeProperties {
	return {
		displayName: guide.displayName,
		name: guide.name,
		type: 'resourceLocator',
		default: { mode: guide.defaultId ? 'id' : 'list', value: guide.defaultId ?? '' },
		required: guide.required,
		description: guide.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: guide.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: guide.placeholder,
				hint: guide.idHint,
			},
		],
	};
}
