/**
 * The F&O node's parameters for Payment → Post Captured Payments against the sandbox (legal entity
 * usmf, bank USMF OPER, journal ARPay per day, Braintree cards as CARD), as order-sync posts them.
 */
import type { IDataObject } from 'n8n-workflow';

export function paymentParameters(storeHash: unknown, overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'payment',
		operation: 'post',
		dataAreaId: 'usmf',
		input: 'order',
		storeHash: String(storeHash),
		customerMode: 'salesOrder',
		offsetAccountType: 'Bank',
		offsetAccount: 'USMF OPER',
		journalName: 'ARPay',
		journalPer: 'day',
		paymentMethodMap: { entries: [{ bigcommerce: 'braintree.card', paymentMethod: 'CARD' }] },
		options: {},
		...overrides,
	};
}
