/**
 * The BigCommerce half of the sandbox: one store served like api.bigcommerce.com
 * (`/stores/{hash}/v2/...`, `/stores/{hash}/v3/...`) with X-Auth-Token auth, a per-store rate limit,
 * fault injection, real webhook deliveries, and admin calls under `/bigcommerce/`.
 */
import type { ServerResponse } from 'node:http';

import { sendJson, Router, type SandboxRequest } from '../common/http';
import { startServiceServer } from '../common/server';
import type { SandboxService, ServiceContext } from '../types';
import { createAdminHandler } from './admin';
import { sendV2Error, sendV3Error, statusMessage } from './format';
import { DEFAULT_QUOTA, RATE_LIMIT_WINDOW_MS, RateLimiter } from './rateLimit';
import { InventoryBook, registerInventoryRoutes } from './inventory';
import { seedStore } from './seed';
import { registerShipmentRoutes, ShipmentBook } from './shipments';
import { BigCommerceStore } from './store';
import { DEFAULT_SWITCHES, type BigCommerceSwitches } from './switches';
import { registerV2Routes, renderLine, renderOrder, type V2Context } from './v2';
import { registerV3Routes } from './v3';
import { WebhookDispatcher } from './webhooks';

export { signWebhook, RETRY_SCHEDULE_SECONDS, scopeMatches } from './webhooks';
export type { DeliveryAttempt, StoreEvent } from './webhooks';
export type { BigCommerceSwitches } from './switches';
export { DEFAULT_SWITCHES } from './switches';

export interface BigCommerceSandboxOptions {
	port?: number;
	storeHash?: string;
	/** Numeric store id (a string of digits, as in webhook payloads). */
	storeId?: string;
	accessToken?: string;
	clientId?: string;
	/** The API account's client secret: the Standard Webhooks signing key. */
	clientSecret?: string;
	/** Requests per window (150 = Standard/Plus plans). */
	quota?: number;
	windowMs?: number;
	/** Multiplies the webhook retry schedule: 1 = real time (48 h), 0.001 = 60 s becomes 60 ms. */
	timeScale?: number;
	/** Override the retry schedule in (unscaled) seconds. */
	retryScheduleSeconds?: number[];
	/** Initial switch values (reset returns to these). */
	switches?: Partial<BigCommerceSwitches>;
	/** Page size of `/v2/orders/{id}/products` (BigCommerce: 50). */
	productsPageSize?: number;
	/** Start without seed data. */
	empty?: boolean;
}

export interface BigCommerceSandbox extends SandboxService {
	store: BigCommerceStore;
	switches: BigCommerceSwitches;
	limiter: RateLimiter;
	dispatcher: WebhookDispatcher;
	/** Order shipments (shipments.ts) and inventory locations/levels (inventory.ts). */
	shipments: ShipmentBook;
	inventory: InventoryBook;
	baseUrl: string;
	/** Resolves once no webhook delivery is running or scheduled; false on timeout. */
	whenIdle(timeoutMs?: number): Promise<boolean>;
}

export async function startBigCommerceSandbox(
	options: BigCommerceSandboxOptions,
	ctx: ServiceContext,
): Promise<BigCommerceSandbox> {
	const storeHash = options.storeHash ?? 'sbx4k2m9q1';
	const storeId = options.storeId ?? '1025646';
	const accessToken = options.accessToken ?? 'sbx-bc-access-token-0123456789abcdef';
	const clientId = options.clientId ?? 'sbx-bc-client-id-7f3a9c';
	const clientSecret = options.clientSecret ?? 'sbx-bc-client-secret-5d1e8b2c';
	const initialSwitches = { ...DEFAULT_SWITCHES, ...options.switches };
	const switches: BigCommerceSwitches = { ...initialSwitches };
	const limiter = new RateLimiter(
		options.quota ?? DEFAULT_QUOTA,
		options.windowMs ?? RATE_LIMIT_WINDOW_MS,
	);
	const store = new BigCommerceStore(storeHash, clientId);
	store.rules = switches;
	const dispatcher = new WebhookDispatcher({
		store,
		switches,
		storeId,
		clientSecret,
		timeScale: options.timeScale ?? 1,
		retryScheduleSeconds: options.retryScheduleSeconds,
	});
	let baseUrl = '';
	const storeInfo = () => ({
		id: storeHash,
		account_uuid: '0c6b9f1e-5a4d-4c1b-9a8e-3f2d1c0b9a87',
		domain: 'ridgeline-outfitters.example.com',
		secure_url: 'https://ridgeline-outfitters.example.com',
		control_panel_base_url: 'https://store-sbx4k2m9q1.mybigcommerce.com',
		status: 'live',
		name: 'Ridgeline Outfitters (sandbox)',
		first_name: 'Jordan',
		last_name: 'Blake',
		address: '2100 Canyon Blvd\nBoulder, Colorado 80302\nUnited States',
		country: 'United States',
		country_code: 'US',
		phone: '3035550199',
		admin_email: 'admin@ridgeline-outfitters.example.com',
		order_email: 'orders@ridgeline-outfitters.example.com',
		favicon_url: '',
		timezone: {
			name: 'America/Denver',
			raw_offset: -25200,
			dst_offset: -21600,
			date_format: {
				display: 'M jS Y',
				export: 'M jS Y',
				extended_display: 'M jS Y @ g:i A',
			},
		},
		language: 'en',
		currency: 'USD',
		currency_symbol: '$',
		decimal_separator: '.',
		thousands_separator: ',',
		decimal_places: 2,
		currency_symbol_location: 'left',
		weight_units: 'LBS',
		dimension_units: 'Inches',
		dimension_decimal_places: '2',
		dimension_decimal_token: '.',
		dimension_thousands_token: ',',
		plan_name: 'Plus',
		plan_level: 'Plus',
		plan_is_trial: false,
		industry: 'Sporting Goods',
		logo: [],
		is_price_entered_with_tax: false,
		store_id: Number(storeId),
		default_site_id: 1000,
		default_channel_id: 1,
		active_comparison_modules: [],
		features: {
			stencil_enabled: true,
			sitewidehttps_enabled: true,
			facebook_catalog_id: '',
			checkout_type: 'optimized',
			wishlists_enabled: true,
			graphql_storefront_api_enabled: true,
			shopper_consent_tracking_enabled: false,
			multi_storefront_enabled: false,
		},
	});
	const v2ctx: V2Context = {
		store,
		switches,
		storeUrl: () => `${baseUrl}/stores/${storeHash}`,
		storeInfo,
		productsPageSize: options.productsPageSize ?? 50,
	};
	store.emit = (scope, data) => {
		if (
			scope === 'store/order/updated' &&
			!switches.statusChangeFiresUpdated &&
			store.inStatusChange
		)
			return;
		dispatcher.emit(scope, data);
	};
	const shipments = new ShipmentBook();
	const inventory = new InventoryBook();
	const seed = () => {
		store.clear();
		shipments.clear();
		inventory.clear();
		if (!options.empty) seedStore(store);
	};
	seed();

	const router = new Router();
	registerV2Routes(router, v2ctx);
	registerV3Routes(router, { store, switches });
	registerShipmentRoutes(router, { ...v2ctx, shipments });
	registerInventoryRoutes(router, { store, switches, inventory });

	const isV2 = (req: SandboxRequest) => req.path.startsWith('/v2/');
	const prefix = `/stores/${storeHash}`;
	const server = await startServiceServer({
		service: 'bigcommerce',
		host: ctx.host,
		port: options.port,
		router,
		log: ctx.log,
		faults: ctx.faults,
		rewritePath: (path) => (path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined),
		gate: (req: SandboxRequest, res: ServerResponse) => {
			const token = req.headers['x-auth-token'];
			if (token !== accessToken) {
				const headers = limiter.headers();
				if (isV2(req))
					sendV2Error(res, 401, 'You must be authenticated to access this resource.', headers);
				else sendV3Error(res, 401, statusMessage(401), {}, headers);
				return false;
			}
			if (!limiter.take()) {
				const headers = {
					...limiter.headers(),
					'X-Retry-After': Math.ceil(limiter.state().resetMs / 1000),
				};
				if (isV2(req)) sendV2Error(res, 429, statusMessage(429), headers);
				else sendV3Error(res, 429, statusMessage(429), {}, headers);
				return false;
			}
			for (const [name, value] of Object.entries(limiter.headers())) res.setHeader(name, value);
			return true;
		},
		notFound: (req, res) => {
			const headers = limiter.headers();
			// Unknown store hash or path. (A wrong store hash may really give 403.)
			if (req.url.pathname.includes('/v2/')) sendV2Error(res, 404, statusMessage(404), headers);
			else sendV3Error(res, 404, statusMessage(404), {}, headers);
		},
		errorResponse: (res, status) => {
			limiter.take();
			// The pipeline does not pass the request here; v3 wording is used for injected errors.
			sendV3Error(res, status, statusMessage(status), {}, limiter.headers());
		},
		throttleResponse: (res, action) => {
			if (!action.withHeaders)
				return sendJson(res, 429, {
					status: 429,
					title: statusMessage(429),
					type: '/api-docs/getting-started/api-status-codes',
				});
			const headers = {
				...limiter.headers(),
				'X-Rate-Limit-Requests-Left': '0',
			};
			sendV3Error(res, 429, statusMessage(429), {}, headers);
		},
	});
	baseUrl = server.baseUrl;

	const reset = async () => {
		dispatcher.reset();
		Object.assign(switches, initialSwitches);
		limiter.quota = options.quota ?? DEFAULT_QUOTA;
		limiter.windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
		limiter.refill();
		seed();
	};
	const admin = createAdminHandler({
		store: () => store,
		switches,
		limiter,
		dispatcher: () => dispatcher,
		renderOrder: (id) =>
			renderOrder(v2ctx, store.getOrder(id), {
				consignments: false,
				lineItems: false,
				fees: true,
			}),
		renderLines: (id) => {
			const order = store.getOrder(id);
			return order.lines.map((line) => renderLine(v2ctx, order, line));
		},
		reset,
	});

	return {
		name: 'bigcommerce',
		manifest: {
			baseUrl,
			storeHash,
			storeId,
			accessToken,
			clientId,
			clientSecret,
		},
		admin,
		reset,
		close: async () => {
			dispatcher.close();
			await server.close();
		},
		store,
		switches,
		limiter,
		dispatcher,
		shipments,
		inventory,
		baseUrl,
		whenIdle: (timeoutMs) => dispatcher.whenIdle(timeoutMs),
	};
}
