/** The trigger descriptions: defaults match the constants the code applies, and n8n's trigger conventions. */
import { BigCommercePollTrigger } from '../../../../nodes/BigCommerce/BigCommercePollTrigger.node';
import { BigCommerceTrigger } from '../../../../nodes/BigCommerce/BigCommerceTrigger.node';
import {
	DEFAULT_EVENTS,
	DEFAULT_ORDER_STATUSES,
	EVENT_KINDS,
} from '../../../../nodes/BigCommerce/trigger/events';
import { onBaseUrl } from '../../../../nodes/BigCommerce/trigger/hookLifecycle';

const prop = (
	node: {
		description: { properties: Array<{ name: string; default: unknown; options?: unknown }> };
	},
	name: string,
) => node.description.properties.find((p) => p.name === name);

describe('descriptions', () => {
	it('defaults stay what saved workflows were built with', () => {
		expect(DEFAULT_EVENTS).toEqual(['store/order/created', 'store/order/statusUpdated']);
		expect(DEFAULT_ORDER_STATUSES).toEqual([11, 9, 8, 3, 2, 10]);
	});

	it('webhook trigger: defaults, every event option known, answers on receipt', () => {
		const node = new BigCommerceTrigger();
		expect(prop(node, 'events')?.default).toEqual(DEFAULT_EVENTS);
		expect(prop(node, 'statuses')?.default).toEqual(DEFAULT_ORDER_STATUSES);
		const events = (prop(node, 'events')?.options as Array<{ value: string }>).map((o) => o.value);
		expect(events.sort()).toEqual(Object.keys(EVENT_KINDS).sort());
		const statuses = (prop(node, 'statuses')?.options as Array<{ value: number }>).map(
			(o) => o.value,
		);
		expect(statuses).not.toContain(0);
		expect(node.description.inputs).toEqual([]);
		expect(node.description.webhooks?.[0]).toMatchObject({
			responseMode: 'onReceived',
			httpMethod: 'POST',
		});
	});

	it('poll trigger: polling, two outputs, the same status defaults', () => {
		const node = new BigCommercePollTrigger();
		expect(node.description.polling).toBe(true);
		expect(node.description.outputs).toHaveLength(2);
		expect(prop(node, 'statuses')?.default).toEqual(DEFAULT_ORDER_STATUSES);
	});
});

describe('onBaseUrl', () => {
	it('matches the origin and the base path, nothing else', () => {
		expect(
			onBaseUrl('https://n8n.example.com/webhook/abc/webhook', 'https://n8n.example.com/'),
		).toBe(true);
		expect(onBaseUrl('https://n8n.example.com/webhook/abc', 'https://N8N.example.com')).toBe(true);
		expect(onBaseUrl('https://n8n.example.com/n8n/webhook/x', 'https://n8n.example.com/n8n/')).toBe(
			true,
		);
		expect(onBaseUrl('https://n8n.example.com/n8nx/webhook/x', 'https://n8n.example.com/n8n')).toBe(
			false,
		);
		expect(onBaseUrl('https://n8n.example.com.evil.io/webhook', 'https://n8n.example.com')).toBe(
			false,
		);
		expect(onBaseUrl('https://n8n.example.com/webhook', '')).toBe(false);
	});
});
