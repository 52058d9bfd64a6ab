/**
 * The canvas subtitles of the pack's nodes read as words ("Create sales order", "On 3 events"),
 * evaluated by n8n's own expression engine as the editor does, for every operation the selectors
 * offer: none falls back to the raw operation value.
 */
import {
	Workflow,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { BigCommerce } from '../../../nodes/BigCommerce/BigCommerce.node';
import { BigCommercePollTrigger } from '../../../nodes/BigCommerce/BigCommercePollTrigger.node';
import { BigCommerceTrigger } from '../../../nodes/BigCommerce/BigCommerceTrigger.node';
import { EVENT_OPTIONS } from '../../../nodes/BigCommerce/trigger/events';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';

function subtitleOf(nodeType: INodeType, parameters: INodeParameters): unknown {
	const node: INode = {
		id: 'n1',
		name: 'Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle as string,
		'internal',
		{},
	);
}

function operations(nodeType: INodeType): Array<{ resource: string; operation: string }> {
	return nodeType.description.properties
		.filter((p: INodeProperties) => p.name === 'operation')
		.flatMap((p) =>
			(p.displayOptions!.show!.resource as string[]).flatMap((resource) =>
				(p.options as Array<{ value: string }>).map((o) => ({ resource, operation: o.value })),
			),
		);
}

describe('canvas subtitles in words', () => {
	it.each([
		['F&O', new MicrosoftDynamicsFo()],
		['BigCommerce', new BigCommerce()],
	])('%s: every operation has its words, none shows the raw value', (_name, nodeType) => {
		for (const { resource, operation } of operations(nodeType)) {
			const subtitle = subtitleOf(nodeType, { resource, operation });
			expect({ resource, operation, subtitle }).toEqual({
				resource,
				operation,
				subtitle: expect.stringMatching(/^[A-Z][a-z]+ [A-Za-z ]+$/),
			});
			expect(subtitle).not.toBe(operation);
		}
	});

	it('reads as the shipped workflows show them', () => {
		const fo = new MicrosoftDynamicsFo();
		expect(subtitleOf(fo, { resource: 'salesOrder', operation: 'create' })).toBe(
			'Create sales order',
		);
		expect(subtitleOf(fo, { resource: 'customer', operation: 'upsert' })).toBe(
			'Create or update customer',
		);
		expect(subtitleOf(fo, { resource: 'payment', operation: 'post' })).toBe(
			'Post captured payments',
		);
		expect(subtitleOf(new BigCommerce(), { resource: 'order', operation: 'get' })).toBe(
			'Get order',
		);
		const trigger = new BigCommerceTrigger();
		expect(
			subtitleOf(trigger, {
				events: [
					'store/order/created',
					'store/order/statusUpdated',
					'store/order/transaction/created',
				],
			}),
		).toBe('On 3 events');
		expect(subtitleOf(trigger, { events: ['store/order/refund/created'] })).toBe(
			'On refund created',
		);
		expect(subtitleOf(trigger, { events: ['store/order/statusUpdated'] })).toBe(
			'On order status updated',
		);
		// Every event alone is said in words, never as its scope.
		for (const value of EVENT_OPTIONS.map((o) => o.value)) {
			expect(subtitleOf(trigger, { events: [value] })).toMatch(/^On [a-z]+( [a-z]+)+$/);
		}
		const poll = new BigCommercePollTrigger();
		expect(subtitleOf(poll, { resource: 'orders' })).toBe('Poll new and changed orders');
		expect(subtitleOf(poll, { resource: 'refunds' })).toBe('Poll new refunds');
	});
});
