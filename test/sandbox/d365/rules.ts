/**
 * What F&O does on create/update beyond storing the fields: generated keys from number sequences,
 * defaults, and validations our nodes must survive. Messages are F&O's own words where they were
 * captured from a real environment; wording that was not captured is marked [inferred].
 *
 * The rules are grouped by what they do: Infolog wording per entity (./writeInfolog.ts), the
 * context every rule gets (./ruleContext.ts), number sequences (./numberSequences.ts), defaults
 * (./recordDefaults.ts) and validations (./validations.ts). This module re-exports them, so the
 * OData service and the other rules name one module.
 */
export { applyDefaults } from './recordDefaults';
export { assignGeneratedKeys, FORMATS } from './numberSequences';
export type { RuleContext } from './ruleContext';
export { validate } from './validations';
export {
	duplicateKeyLine,
	ENTITY_INFO,
	mandatoryLine,
	notFoundLines,
	type EntityInfo,
} from './writeInfolog';
