/** Every property every mapper writes exists on the real entity with the right type. */
import {
	mapBillingAddressCustomerUpdate,
	mapCustomerCreate,
	mapPayment,
	mapSalesOrder,
	withCustomerAccount,
	withParentRecId,
	withPaymentCustomer,
	withReturnOrderNumber,
	withSalesOrderNumber,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import { completedRefund } from './completed';
import { entities, entityProblems, expectConforms, order, resolvedFor } from './helpers';

const dims = {
	format: ['BusinessUnit', 'Department'],
	values: { BusinessUnit: '001', Department: '022' },
};

describe('payloads against entities-derived.json', () => {
	itWithShared(ENTITY_CATALOGUE)('the checker itself catches wrong names and types', () => {
		expect(entities().entities.SalesOrderHeadersV2.keys).toEqual([
			'dataAreaId',
			'SalesOrderNumber',
		]);
		expect(entityProblems({ CustomerAccount: 'X' }, 'SalesOrderHeadersV2')).toHaveLength(1);
		expect(entityProblems({ CurrencyCode: 1 }, 'SalesOrderHeadersV2')).toHaveLength(1);
		expect(
			entityProblems({ ArePricesIncludingSalesTax: 'true' }, 'SalesOrderHeadersV2'),
		).toHaveLength(1);
		expect(
			entityProblems({ RequestedShippingDate: '2024-01-31' }, 'SalesOrderHeadersV2'),
		).toHaveLength(1);
		expect(entityProblems({ CustomersLineNumber: 1.5 }, 'SalesOrderLines')).toHaveLength(1);
	});

	itWithShared(ENTITY_CATALOGUE)('customer create and update (all options)', () => {
		const create = mapCustomerCreate(
			{
				id: 42,
				first_name: 'Jane',
				last_name: 'Doe',
				email: 'j@d.io',
				phone: '1',
				customer_group_id: 1,
				addresses: [
					{
						address1: 'a',
						address2: 'b',
						city: 'c',
						state_or_province: 'Texas',
						postal_code: '1',
						country_code: 'US',
					},
				],
			},
			{
				dataAreaId: 'usmf',
				customerGroupId: 'WEB',
				currencyCode: 'USD',
				customerAccountPrefix: 'BC',
				languageId: 'en-us',
				paymentTerms: 'Net30',
				paymentMethod: 'CARD',
				salesTaxGroup: 'AVATAX',
				deliveryMode: 'GRND',
				dimensions: dims,
			},
		);
		expect(Object.keys(create).length).toBeGreaterThanOrEqual(20);
		expectConforms(create, 'CustomersV3');
		expectConforms(
			mapBillingAddressCustomerUpdate(
				order({ id: 1, lines: [{ sku: 'A', qty: 1, price: 1 }] }).billing_address,
			),
			'CustomersV3',
		);
	});

	itWithShared(ENTITY_CATALOGUE)('sales order header and lines (all options)', () => {
		const lines = [
			{ sku: 'A', qty: 2, price: 5, discount: 1 },
			{ sku: 'B', qty: 1, price: 3 },
		];
		const o = order({ id: 5, lines, shipping: 2, handling: 1 });
		(o.consignments as any).shipping.push({
			id: 2,
			first_name: 'X',
			last_name: 'Y',
			street_1: 's',
			city: 'c',
			zip: 'z',
			country_iso2: 'CA',
			state: 'Ontario',
			line_items: [],
		});
		(o.consignments as any).shipping[0].line_items[1].order_address_id = 2;
		const draft = mapSalesOrder(o, {
			dataAreaId: 'usmf',
			storeHash: 'abc',
			invoiceAccount: 'C2',
			resolvedItems: {
				...resolvedFor(lines),
				A: {
					ItemNumber: 'A1',
					ProductSizeId: 'S',
					ProductColorId: 'R',
					ProductStyleId: 'V',
					ProductConfigurationId: 'C',
					SalesUnitSymbol: 'ea',
				},
			},
			salesOrderNumberPrefix: 'BC',
			taxMode: 'exclusive',
			salesTaxGroupCode: 'AVATAX',
			salesTaxItemGroupCode: 'FULL',
			charges: {
				shippingItemNumber: 'SHIP',
				handlingItemNumber: 'HAND',
				salesTaxItemGroupCode: 'SVC',
			},
			defaultSiteId: '1',
			defaultWarehouseId: '11',
			deliveryModeMap: { 'Flat Rate': 'GRND' },
			paymentMethodMap: { 'Credit Card': 'CARD' },
			paymentTermsName: 'Prepaid',
			languageId: 'en-us',
			dimensions: dims,
		});
		const p = withCustomerAccount(draft, 'C1');
		expectConforms(p.header, 'SalesOrderHeadersV2');
		expect(p.lines[1]).toHaveProperty('DeliveryAddressCountryRegionId', 'CAN');
		for (const l of withSalesOrderNumber(p.lines, 'SO-1')) expectConforms(l, 'SalesOrderLines');
	});

	itWithShared(ENTITY_CATALOGUE)('payment journal line (all options)', () => {
		const r = mapPayment(
			{
				id: 1,
				order_id: '2',
				event: 'capture',
				amount: 3,
				currency: 'USD',
				status: 'ok',
				date_created: '2024-01-01T00:00:00Z',
				gateway: 'adyen',
			},
			{
				dataAreaId: 'usmf',
				journalBatchNumber: 'J1',
				offsetAccount: { type: 'Bank', segments: ['OPER'] },
				defaultPaymentMethod: 'CARD',
				postingProfile: 'PREPAY',
			},
		);
		if (r.action !== 'post') throw new Error('expected post');
		expectConforms(withPaymentCustomer(r.line, 'C1'), 'CustomerPaymentJournalLines');
	});

	itWithShared(ENTITY_CATALOGUE)('return order and free-text credit (all options)', () => {
		const lines = [{ sku: 'A', qty: 2, price: 5 }];
		const o = order({ id: 5, lines });
		const r = completedRefund(
			{
				id: 1,
				order_id: 5,
				created: '2024-01-01T00:00:00Z',
				total_amount: 9,
				items: [
					{ item_type: 'PRODUCT', item_id: 1, quantity: 1 },
					{ item_type: 'HANDLING', item_id: 1, requested_amount: 4 },
				],
			},
			{
				dataAreaId: 'usmf',
				storeHash: 'abc',
				currencyCode: 'USD',
				orderProducts: (o.consignments as any).shipping[0].line_items,
				returnReasonCode: 'R',
				returnDispositionCode: 'D',
				defaultReturnSiteId: '1',
				defaultReturnWarehouseId: '11',
				freeText: {
					mainAccount: ['401100'],
					salesTaxGroupId: 'G',
					salesTaxItemGroupId: 'I',
					dimensions: dims,
				},
			},
			'C1',
			{
				A: {
					ItemNumber: 'A1',
					ProductSizeId: 'S',
					ProductColorId: 'R',
					ProductStyleId: 'V',
					ProductConfigurationId: 'C',
					SalesUnitSymbol: 'ea',
				},
			},
		);
		expectConforms(r.returnOrder!.header, 'ReturnOrderHeaders');
		for (const l of withReturnOrderNumber(r.returnOrder!.lines, 'R1'))
			expectConforms(l, 'ReturnOrderLines');
		expectConforms(r.freeTextCredit!.header, 'FreeTextInvoiceHeaders');
		for (const l of withParentRecId(r.freeTextCredit!.lines, 5637145331))
			expectConforms(l, 'FreeTextInvoiceLines');
	});
});
