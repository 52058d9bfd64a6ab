/**
 * The store's data and its mutations (store events). Orders are kept as internal records with
 * numbers and Dates, and rendered to the v2 wire format by `v2.ts`; v3 records (transactions,
 * refunds, customers, catalog, hooks) are kept in their wire shape.
 *
 * Every mutation that BigCommerce reports by webhook calls `emit(scope, data)`; the webhook
 * dispatcher turns those into deliveries.
 *
 * This class holds the state (records and id counters) and is what the routes, the seed and the
 * tests call; each mutation is a thin delegate to the module that holds it: orders (./orders.ts),
 * payment transactions (./payments.ts), refunds (./refunds.ts), customers (./customers.ts). The
 * records, specs, errors and totals those modules share are re-exported here, so importers name
 * one module.
 */
import { addRefund } from './refunds';
import { addTransaction, capturedAmount, paidAmount, refundableAmount } from './payments';
import { createCustomer, updateCustomer } from './customers';
import { createOrder, editOrder, setOrderStatus } from './orders';
import type {
	CustomerRec,
	HookRec,
	OrderRec,
	ProductRec,
	RefundRec,
	TransactionRec,
	VariantRec,
} from './records';
import type {
	CustomerPatch,
	CustomerSpec,
	OrderEdit,
	OrderSpec,
	RefundSpec,
	TransactionSpec,
} from './specs';
import { StoreError } from './storeErrors';
import { orderTotals } from './totals';

export { ORDER_STATUSES } from './records';
export type {
	AddressRec,
	CouponRec,
	CustomerAddressRec,
	CustomerRec,
	FeeRec,
	HookRec,
	OrderLineRec,
	OrderRec,
	ProductRec,
	RefundItemRec,
	RefundRec,
	TransactionRec,
	VariantRec,
} from './records';
export type {
	CustomerPatch,
	CustomerSpec,
	OrderEdit,
	OrderLineSpec,
	OrderSpec,
	RefundSpec,
	TransactionSpec,
} from './specs';
export { StoreError };
export { lineTotals, orderTotals, type OrderTotals } from './totals';

export type StoreEmit = (scope: string, data: Record<string, unknown>) => void;

/** The switches the store itself consults (the rest act in the routes and the dispatcher). */
export interface StoreRules {
	/** See `BigCommerceSwitches.partialCaptures`. */
	partialCaptures: boolean;
}

export class BigCommerceStore {
	orders = new Map<number, OrderRec>();
	transactions: TransactionRec[] = [];
	refunds: RefundRec[] = [];
	customers = new Map<number, CustomerRec>();
	products = new Map<number, ProductRec>();
	variants = new Map<number, VariantRec>();
	hooks = new Map<number, HookRec>();
	private ids = BigCommerceStore.initialIds();
	private static initialIds() {
		return {
			order: 100,
			line: 1000,
			address: 500,
			coupon: 0,
			fee: 0,
			transaction: 85926000,
			refund: 0,
			payment: 0,
			customer: 0,
			customerAddress: 0,
			attribute: 0,
			hook: 25000000,
		};
	}
	emit: StoreEmit = () => undefined;
	/** The switches that shape payment refusals; the sandbox points this at its live switches. */
	rules: StoreRules = { partialCaptures: true };
	/** True while a status change emits its events (lets the fan-out switch drop `updated`). */
	inStatusChange = false;

	constructor(
		readonly storeHash: string,
		readonly clientId: string,
		/** Event time source (tests may pin it). */
		readonly now: () => Date = () => new Date(),
	) {}

	/** Empty the store (before re-seeding). */
	clear(): void {
		this.orders.clear();
		this.transactions = [];
		this.refunds = [];
		this.customers.clear();
		this.products.clear();
		this.variants.clear();
		this.hooks.clear();
		this.ids = BigCommerceStore.initialIds();
	}

	nextId(kind: keyof BigCommerceStore['ids']): number {
		return ++this.ids[kind];
	}

	// ---------------------------------------------------------------- catalog

	productBySku(sku: string): { product: ProductRec; variant: VariantRec } | undefined {
		for (const variant of this.variants.values()) {
			if (variant.sku === sku) {
				const product = this.products.get(variant.product_id);
				if (product) return { product, variant };
			}
		}
		return undefined;
	}

	createOrder(spec: OrderSpec, options: { silent?: boolean } = {}): OrderRec {
		return createOrder(this, spec, options);
	}

	getOrder(id: number): OrderRec {
		const order = this.orders.get(id);
		if (!order) throw new StoreError(404, `Order ${id} not found.`);
		return order;
	}

	/** An order edit (`store/order/updated`): lines added/replaced, addresses, notes, coupon. */
	editOrder(id: number, edit: OrderEdit): OrderRec {
		return editOrder(this, id, edit);
	}

	/** A status change: `store/order/statusUpdated` (only if changed), then `store/order/updated`. */
	setStatus(id: number, statusId: number, options: { silent?: boolean } = {}): OrderRec {
		return setOrderStatus(this, id, statusId, options);
	}

	ordersTotal(order: OrderRec): ReturnType<typeof orderTotals> {
		return orderTotals(order);
	}

	// ---------------------------------------------------------------- transactions

	addTransaction(
		orderId: number,
		spec: TransactionSpec,
		options: { silent?: boolean } = {},
	): TransactionRec {
		return addTransaction(this, orderId, spec, options);
	}

	/** What the order's captures and purchases took so far. */
	capturedAmount(order: OrderRec): number {
		return capturedAmount(this, order);
	}

	/** What the order paid (its total where no payment transaction was recorded; see ./payments.ts). */
	paidAmount(order: OrderRec): number {
		return paidAmount(this, order);
	}

	/** What a refund may still return: paid minus refunded. */
	refundableAmount(order: OrderRec): number {
		return refundableAmount(this, order);
	}

	// ---------------------------------------------------------------- refunds

	addRefund(orderId: number, spec: RefundSpec, options: { silent?: boolean } = {}): RefundRec {
		return addRefund(this, orderId, spec, options);
	}

	// ---------------------------------------------------------------- customers

	createCustomer(spec: CustomerSpec, options: { silent?: boolean } = {}): CustomerRec {
		return createCustomer(this, spec, options);
	}

	updateCustomer(id: number, patch: CustomerPatch): CustomerRec {
		return updateCustomer(this, id, patch);
	}
}
