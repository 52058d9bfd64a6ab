/**
 * v3 routes: `{data, meta}` envelopes with `meta.pagination`, money as numbers, ISO dates, errors as
 * `{status,title,type}`. Transactions (orders.v3.yml), refunds per order and store-wide, customers
 * (customers.v3.yml), catalog products and variants, and hooks CRUD (webhooks.v3.yml).
 *
 * This file holds the context the v3 route groups share and registers them in order: payments
 * (./v3Payments.ts), customers (./v3Customers.ts), catalog (./v3Catalog.ts), hooks (./v3Hooks.ts);
 * their paging and envelopes are in ./v3Collections.ts.
 */
import type { Router } from '../common/http';
import type { BigCommerceStore } from './store';
import type { BigCommerceSwitches } from './switches';
import { registerV3CatalogRoutes } from './v3Catalog';
import { registerV3CustomerRoutes } from './v3Customers';
import { registerV3HookRoutes } from './v3Hooks';
import { registerV3PaymentRoutes } from './v3Payments';

export interface V3Context {
	store: BigCommerceStore;
	switches: BigCommerceSwitches;
}

export function registerV3Routes(router: Router, ctx: V3Context): void {
	registerV3PaymentRoutes(router, ctx);
	registerV3CustomerRoutes(router, ctx);
	registerV3CatalogRoutes(router, ctx);
	registerV3HookRoutes(router, ctx);
}
