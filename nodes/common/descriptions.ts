/**
 * The Resource and Operation selectors as both action nodes declare them: the same n8n property
 * shape for every resource, given the choices and the default. One definition so a resource's
 * index states only what is its own. Also the canvas subtitle in words that both nodes show.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export function resourceProperty(
	options: INodePropertyOptions[],
	defaultResource: string,
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: defaultResource,
	};
}

/** The Operation selector shown for one resource; each option has its description and action. */
export function operationProperty(
	resource: string,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/**
 * The canvas subtitle in words ("Create sales order") from resource:operation → words; an
 * operation missing from the table shows its value. One flat object, so the expression holds no
 * `}}` before its end.
 */
export function operationSubtitle(words: Record<string, string>): string {
	return `={{ ${JSON.stringify(words)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
}
