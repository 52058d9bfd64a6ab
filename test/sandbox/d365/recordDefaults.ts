/**
 * The defaults F&O fills in on create from related records: a sales order from its customer, a
 * line from its item and header (unit, price, site, warehouse, line amount), a return from its
 * item. Only fields the client did not send are filled.
 */
import { blank, type RuleContext } from './ruleContext';

const today = () => `${new Date().toISOString().slice(0, 10)}T12:00:00Z`;

/** Defaults F&O fills from related records on create (a line defaults from its item and header). */
export function applyDefaults(set: string, data: Record<string, unknown>, ctx: RuleContext): void {
	const { store, company, sent } = ctx;
	if (set === 'SalesOrderHeadersV2') {
		const customer = store.find('CustomersV3', {
			dataAreaId: company,
			CustomerAccount: data.OrderingCustomerAccountNumber,
		})?.data;
		if (blank(sent.InvoiceCustomerAccountNumber))
			data.InvoiceCustomerAccountNumber = data.OrderingCustomerAccountNumber;
		if (blank(sent.CurrencyCode) && customer) data.CurrencyCode = customer.SalesCurrencyCode;
		if (blank(sent.RequestedShippingDate)) data.RequestedShippingDate = today();
		if (blank(sent.SalesOrderStatus)) data.SalesOrderStatus = 'Backorder';
		if (blank(sent.LanguageId) && customer) data.LanguageId = customer.LanguageId;
		data.OrderCreationDateTime = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	}
	if (set === 'SalesOrderLines') {
		const header = store.find('SalesOrderHeadersV2', {
			dataAreaId: company,
			SalesOrderNumber: data.SalesOrderNumber,
		})?.data;
		const item = store.find('ReleasedProductsV2', {
			dataAreaId: company,
			ItemNumber: data.ItemNumber,
		})?.data;
		if (blank(sent.OrderedSalesQuantity)) data.OrderedSalesQuantity = 1;
		if (item && blank(sent.SalesUnitSymbol)) data.SalesUnitSymbol = item.SalesUnitSymbol;
		if (item && blank(sent.SalesPrice)) data.SalesPrice = item.SalesPrice;
		if (blank(sent.SalesPriceQuantity)) data.SalesPriceQuantity = 1;
		if (header && blank(sent.RequestedShippingDate))
			data.RequestedShippingDate = header.RequestedShippingDate;
		if (header && blank(sent.ShippingSiteId)) data.ShippingSiteId = header.DefaultShippingSiteId;
		if (header && blank(sent.ShippingWarehouseId))
			data.ShippingWarehouseId = header.DefaultShippingWarehouseId;
		if (header) data.CurrencyCode = header.CurrencyCode;
		if (blank(sent.LineAmount)) {
			const qty = Number(data.OrderedSalesQuantity);
			const gross = (qty * Number(data.SalesPrice)) / (Number(data.SalesPriceQuantity) || 1);
			const pct = Number(data.LineDiscountPercentage) || 0;
			data.LineAmount =
				Math.round((gross * (1 - pct / 100) - (Number(data.LineDiscountAmount) || 0) * qty) * 100) /
				100;
		}
		if (blank(sent.SalesOrderLineStatus)) data.SalesOrderLineStatus = 'Backorder';
	}
	if (set === 'ReturnOrderHeaders' && blank(sent.ReturnOrderStatus))
		data.ReturnOrderStatus = 'Backorder';
	if (set === 'ReturnOrderLines') {
		const item = store.find('ReleasedProductsV2', {
			dataAreaId: company,
			ItemNumber: data.ItemNumber,
		})?.data;
		if (item && blank(sent.SalesUnitSymbol)) data.SalesUnitSymbol = item.SalesUnitSymbol;
	}
}
