/**
 * The charge items of Sales Order → Create beyond shipping: handling, gift wrapping, order fees
 * and gift-certificate purchases. Each is an F&O item (a Service-type released product) that
 * carries one kind of charge as a sales order line; the node resolves them with the order's SKUs
 * in one lookup, so an item that is not released fails the order before anything is written.
 *
 * Fees and gift certificates have no fallback on purpose: a fee folded into shipping would post
 * on the wrong account, and a gift certificate is a liability (its item's sales account should be
 * the gift-certificate liability account), never revenue. An order that has one and no item set
 * fails clearly, naming the fee or the line.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ChargeItemOptions } from '../../mapping/salesOrderAmounts';

/** Entries of the operation's Options collection. */
export const chargeItemOptions: INodeProperties[] = [
	{
		displayName: 'Fee Charge Item Name or ID',
		name: 'feeItemNumber',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getChargeItems' },
		default: '',
		placeholder: 'FEES',
		description:
			'The Service-type released product that carries the order\'s fees (BigCommerce fees[], e.g. package protection) as a sales order line, e.g. FEES. Needed for any order with a fee: such an order fails without it, and nothing is written. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Gift Certificate Item Name or ID',
		name: 'giftCertificateItemNumber',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getChargeItems' },
		default: '',
		placeholder: 'GIFTCERT',
		description:
			'The released product that carries gift-certificate purchases, e.g. GIFTCERT. A gift certificate sold is a liability, not revenue: give the item the gift-certificate liability account as its sales account. Needed for any order that sells one: such an order fails without it, and nothing is written. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Gift Wrapping Charge Item Name or ID',
		name: 'wrappingItemNumber',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getChargeItems' },
		default: '',
		placeholder: 'GIFTWRAP',
		description:
			'The Service-type released product that carries gift wrapping, e.g. GIFTWRAP. Empty: gift wrapping goes on the handling (or shipping) charge item. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Handling Charge Item Name or ID',
		name: 'handlingItemNumber',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getChargeItems' },
		default: '',
		placeholder: 'HANDLING',
		description:
			'The Service-type released product that carries handling, e.g. HANDLING. Empty: handling goes on the shipping charge item. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** The charge items of the node's parameters (shipping from its own field, the rest from Options). */
export function chargeItemsFrom(
	shippingItemNumber: string,
	options: IDataObject,
): ChargeItemOptions {
	const text = (name: keyof ChargeItemOptions) => String(options[name] ?? '').trim() || undefined;
	return {
		shippingItemNumber: shippingItemNumber.trim() || undefined,
		handlingItemNumber: text('handlingItemNumber'),
		wrappingItemNumber: text('wrappingItemNumber'),
		feeItemNumber: text('feeItemNumber'),
		giftCertificateItemNumber: text('giftCertificateItemNumber'),
	};
}
