/**
 * The sandbox's model of the F&O entities it serves, written in this project's own form: for each
 * entity set, its entity type, keys and the properties the pack and the sandbox use, with their
 * types. The sandbox reads nothing else at run time, so `npm start` and the tests run from a bare
 * clone; model.contract.test.ts holds every set, key, property and enum here to F&O's published
 * entity metadata whenever the reference copy of it is present beside the repository.
 */
import {
	CUSTOMER_PAYMENT_JOURNAL_HEADERS,
	CUSTOMER_PAYMENT_JOURNAL_LINES,
	FREE_TEXT_INVOICE_HEADERS,
	FREE_TEXT_INVOICE_LINES,
	RETURN_ORDER_HEADERS,
	RETURN_ORDER_LINES,
	SALES_ORDER_HEADERS_V2,
	SALES_ORDER_LINES,
} from './documents';
import {
	CUST_PACKING_SLIP_JOUR_BI_ENTITIES,
	CUST_PACKING_SLIP_TRANS_BI_ENTITIES,
	CUST_PACKING_SLIP_VERSION_BI_ENTITIES,
	PACKING_SLIP_TRACKING_INFORMATION,
	WAREHOUSES_ON_HAND_V2,
} from './fulfilment';
import { SALES_INVOICE_HEADERS_V2, SALES_INVOICE_LINES } from './invoices';
import {
	CURRENCIES,
	CUSTOMER_GROUPS,
	CUSTOMERS_V3,
	DIMENSION_INTEGRATION_FORMATS,
	LEGAL_ENTITIES,
	RELEASED_PRODUCT_VARIANTS_V2,
	RELEASED_PRODUCTS_V2,
} from './masterData';
import { JOURNAL_NAMES, OPERATIONAL_SITES, WAREHOUSES } from './companySetup';
import type { EntityTable } from './table';

export { FULFILMENT_READ_ONLY_SETS } from './fulfilment';
export { OUTSIDE_REFERENCE_COPY } from './companySetup';
export { F_AND_O_ENUMS, F_AND_O_NAMESPACE } from './enums';
export type { EdmPrimitive, EntityTable, EnumName, PropertyType } from './table';

/** Every entity set the sandbox serves, in the order its service document lists them. */
export const ENTITY_TABLES: readonly EntityTable[] = [
	CUSTOMERS_V3,
	CUSTOMER_GROUPS,
	CURRENCIES,
	LEGAL_ENTITIES,
	DIMENSION_INTEGRATION_FORMATS,
	RELEASED_PRODUCTS_V2,
	RELEASED_PRODUCT_VARIANTS_V2,
	SALES_ORDER_HEADERS_V2,
	SALES_ORDER_LINES,
	CUSTOMER_PAYMENT_JOURNAL_HEADERS,
	CUSTOMER_PAYMENT_JOURNAL_LINES,
	RETURN_ORDER_HEADERS,
	RETURN_ORDER_LINES,
	FREE_TEXT_INVOICE_HEADERS,
	FREE_TEXT_INVOICE_LINES,
	SALES_INVOICE_HEADERS_V2,
	SALES_INVOICE_LINES,
	CUST_PACKING_SLIP_JOUR_BI_ENTITIES,
	CUST_PACKING_SLIP_TRANS_BI_ENTITIES,
	CUST_PACKING_SLIP_VERSION_BI_ENTITIES,
	PACKING_SLIP_TRACKING_INFORMATION,
	WAREHOUSES_ON_HAND_V2,
	OPERATIONAL_SITES,
	WAREHOUSES,
	JOURNAL_NAMES,
];
