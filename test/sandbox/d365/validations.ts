/**
 * F&O's validations of a write (create and update), entity by entity: mandatory fields, relations
 * that must exist in the write's company, product dimension combinations, the shipping site, journal
 * accounts. A violation returns the Infolog lines (./writeInfolog.ts) the OData service wraps in
 * its AxODataWriteException envelope. The longest rule group, so it stands alone.
 */
import type { InfologLine } from './errors';
import { blank, type RuleContext } from './ruleContext';
import type { D365Store } from './store';
import { mandatoryLine, notFoundLines } from './writeInfolog';

const exists = (store: D365Store, set: string, company: string, field: string, value: unknown) =>
	store
		.all(set)
		.some(
			(r) =>
				r.data.dataAreaId === company &&
				String(r.data[field]).toLowerCase() === String(value).toLowerCase(),
		);
const currencyExists = (store: D365Store, code: unknown) =>
	Boolean(store.find('Currencies', { CurrencyCode: code }));

/**
 * Validations (create and update). Each names its source; a violation returns Infolog lines that
 * become the AxODataWriteException envelope.
 */
export function validate(
	set: string,
	data: Record<string, unknown>,
	ctx: RuleContext,
): InfologLine[] | undefined {
	const { store, company, switches } = ctx;
	const relation = (field: string, label: string, ok: boolean, related: string) =>
		ok ? undefined : notFoundLines(set, field, label, data[field], related);
	// An order line and a return line: the item must be a released product of the company.
	const itemRelation = () =>
		relation(
			'ItemNumber',
			'Item number',
			exists(store, 'ReleasedProductsV2', company, 'ItemNumber', data.ItemNumber),
			'Items',
		);
	// A return order and a free text invoice: a customer account that must exist, an optional currency.
	const customerAndCurrency = (field: string) =>
		blank(data[field])
			? [mandatoryLine('Customer account')]
			: (relation(
					field,
					'Customer account',
					exists(store, 'CustomersV3', company, 'CustomerAccount', data[field]),
					'Customers',
				) ??
				(blank(data.CurrencyCode)
					? undefined
					: relation(
							'CurrencyCode',
							'Currency',
							currencyExists(store, data.CurrencyCode),
							'Currency',
						)));
	switch (set) {
		case 'CustomersV3': {
			// CustomersV3 (Microsoft's entity reference): CustomerGroupId, SalesCurrencyCode required; the group must exist
			// — F&O's Infolog "The value 'Local' in field 'Customer group' is not found …".
			if (blank(data.CustomerGroupId)) return [mandatoryLine('Customer group')];
			if (blank(data.SalesCurrencyCode)) return [mandatoryLine('Currency')];
			return (
				relation(
					'CustomerGroupId',
					'Customer group',
					exists(store, 'CustomerGroups', company, 'CustomerGroupId', data.CustomerGroupId),
					'Customer groups',
				) ??
				relation(
					'SalesCurrencyCode',
					'Currency',
					currencyExists(store, data.SalesCurrencyCode),
					'Currency',
				)
			);
		}
		case 'SalesOrderHeadersV2':
			// SalesOrderHeadersV2 (Microsoft's entity reference): the ordering customer is required; referenced codes
			// (currency, …) must exist.
			if (blank(data.OrderingCustomerAccountNumber)) return [mandatoryLine('Customer account')];
			return (
				relation(
					'OrderingCustomerAccountNumber',
					'Customer account',
					exists(
						store,
						'CustomersV3',
						company,
						'CustomerAccount',
						data.OrderingCustomerAccountNumber,
					),
					'Customers',
				) ??
				relation(
					'InvoiceCustomerAccountNumber',
					'Invoice account',
					exists(
						store,
						'CustomersV3',
						company,
						'CustomerAccount',
						data.InvoiceCustomerAccountNumber,
					),
					'Customers',
				) ??
				relation('CurrencyCode', 'Currency', currencyExists(store, data.CurrencyCode), 'Currency')
			);
		case 'SalesOrderLines': {
			// SalesOrderLines (Microsoft's entity reference): created after the header; ItemNumber + SalesOrderNumber required.
			if (blank(data.SalesOrderNumber)) return [mandatoryLine('Sales order')];
			if (blank(data.ItemNumber)) return [mandatoryLine('Item number')];
			const bad =
				relation(
					'SalesOrderNumber',
					'Sales order',
					exists(store, 'SalesOrderHeadersV2', company, 'SalesOrderNumber', data.SalesOrderNumber),
					'Sales orders',
				) ?? itemRelation();
			if (bad) return bad;
			const variants = store
				.all('ReleasedProductVariantsV2')
				.filter(
					(r) =>
						r.data.dataAreaId === company &&
						String(r.data.ProductMasterNumber).toLowerCase() ===
							String(data.ItemNumber).toLowerCase(),
				);
			if (variants.length) {
				// A product master needs a valid dimension combination [wording inferred].
				const dims = [
					'ProductSizeId',
					'ProductColorId',
					'ProductStyleId',
					'ProductConfigurationId',
				] as const;
				const match = variants.some((v) =>
					dims.every(
						(d) => String(v.data[d]).toLowerCase() === String(data[d] ?? '').toLowerCase(),
					),
				);
				if (!match) {
					return [
						{
							level: 'Warning',
							text: `The combination of product dimensions is not valid for item ${String(data.ItemNumber)}`,
						},
						{
							level: 'Warning',
							text: `validateWrite failed on data source 'SalesLine (SalesLine)'`,
						},
					];
				}
			}
			if (switches.requireShippingSite && blank(data.ShippingSiteId)) {
				// F&O's Infolog, as captured.
				return [
					{
						level: 'Warning',
						text: 'Inventory dimension Site is mandatory and must consequently be specified',
					},
					{ level: 'Error', text: 'Update has been canceled.' },
				];
			}
			return undefined;
		}
		case 'CustomerPaymentJournalHeaders':
			if (blank(data.JournalName)) return [mandatoryLine('Name')];
			return relation(
				'JournalName',
				'Name',
				exists(store, 'JournalNames', company, 'Name', data.JournalName),
				'Journal names',
			);
		case 'CustomerPaymentJournalLines': {
			const bad = relation(
				'JournalBatchNumber',
				'Journal batch number',
				exists(
					store,
					'CustomerPaymentJournalHeaders',
					company,
					'JournalBatchNumber',
					data.JournalBatchNumber,
				),
				'Journal table',
			);
			if (bad) return bad;
			if (!blank(data.CurrencyCode) && !currencyExists(store, data.CurrencyCode))
				return notFoundLines(set, 'CurrencyCode', 'Currency', data.CurrencyCode, 'Currency');
			if (data.AccountType === 'Cust' && !blank(data.AccountDisplayValue)) {
				// Display values escape the delimiter with a backslash ("DAT\\-000011").
				const account = String(data.AccountDisplayValue).replace(/\\(.)/g, '$1');
				if (!exists(store, 'CustomersV3', company, 'CustomerAccount', account))
					return notFoundLines(set, 'AccountDisplayValue', 'Account', account, 'Customers');
			}
			return undefined;
		}
		case 'ReturnOrderHeaders':
			return customerAndCurrency('CustomerAccountNumber');
		case 'ReturnOrderLines':
			return (
				relation(
					'ReturnOrderNumber',
					'RMA number',
					exists(store, 'ReturnOrderHeaders', company, 'ReturnOrderNumber', data.ReturnOrderNumber),
					'Sales orders',
				) ??
				itemRelation() ??
				(blank(data[switches.returnLineLinkField])
					? undefined
					: relation(
							switches.returnLineLinkField,
							'Lot ID',
							store
								.list('SalesOrderLines', company)
								.some(
									(l) =>
										l.InventoryLotId === data[switches.returnLineLinkField] &&
										l.ItemNumber === data.ItemNumber,
								),
							'Order lines',
						))
			);
		case 'FreeTextInvoiceHeaders':
			return customerAndCurrency('CustomerAccount');
		case 'FreeTextInvoiceLines':
			return relation(
				'ParentRecId',
				'Record-ID',
				store
					.all('FreeTextInvoiceHeaders')
					.some(
						(r) => r.data.dataAreaId === company && r.data.InvoiceIdentifier === data.ParentRecId,
					),
				'Free text invoice',
			);
		default:
			return undefined;
	}
}
