/**
 * The real n8n editor in a real browser, for the screenshot suite (test/e2e/screenshots.test.ts):
 * Debian's Chromium (`apt-get install chromium`) driven by playwright-core, logged in through the
 * sign-in form as the harness's owner, with n8n's own pop-ups (toasts, callouts, tours, banners)
 * dismissed before a picture is taken. What a person sees is what is checked: the canvas node's icon
 * element (an <img> that loaded, not n8n's one-letter placeholder) and n8n's issue markers.
 *
 * DOM markers, read from n8n 2.41's editor bundle (n8n-editor-ui/dist/assets):
 * - canvas node: `[data-test-id="canvas-node"]` with `data-node-name` / `data-node-type`
 * - node issues on the canvas: `[data-test-id="node-issues"]` (CanvasNodeStatusIcons)
 * - a parameter's issue in the node details view: `[data-test-id="parameter-issues"]` (ParameterIssues)
 * - node icon: `.n8n-node-icon` holding an <img> (file icons) or an <svg> (n8n's icon set); the
 *   fallback is a div whose class contains `nodeIconPlaceholder` showing the type's first letter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import type { N8nInstance } from './n8n';
import { progress } from './log';

// The path and the install instruction live in scripts/ensure-deps.js, which `npm test` checks first.
const { chromiumMissing, chromiumPath } = require('../../../scripts/ensure-deps') as {
	chromiumMissing(): string | undefined;
	chromiumPath(): string;
};

/** Throws the install instruction when Debian's Chromium is missing (the suite fails, never skips). */
export function requireChromium(): string {
	const missing = chromiumMissing();
	if (missing) throw new Error(missing);
	return chromiumPath();
}

export interface EditorBrowser {
	page: Page;
	context: BrowserContext;
	/** Opens a path of the editor (e.g. `/workflow/<id>`) and dismisses n8n's pop-ups. */
	open(path: string): Promise<void>;
	/** Closes whatever n8n put over the page: toasts, callouts, banners, tours, stray modals. */
	dismissPopups(): Promise<void>;
	/** A PNG of the viewport (after dismissing pop-ups). */
	screenshot(file: string): Promise<void>;
	close(): Promise<void>;
}

// Without the background-networking flags Chromium keeps calling Google services on a closed network.
/** The pictures' width (px): the README shows them scaled down, so text must stay readable. */
export const VIEWPORT_WIDTH = 1440;

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Close buttons of n8n's own overlays (toasts, banners, callouts, the NPS/what's-new modals). */
const DISMISS_SELECTORS = [
	'.el-notification .el-notification__closeBtn',
	// The workflow's "Production Checklist" popover, opened the first time a published workflow is shown.
	'[data-test-id="suggested-actions-close"]',
	'[data-test-id="banner-stack"] [data-test-id$="close"]',
	'[data-test-id="banner-stack"] [data-test-id$="dismiss"]',
	'[data-test-id="notification-banner-dismiss"]',
	'[data-test-id="credit-banner-dismiss"]',
	'.n8n-callout [data-test-id$="dismiss"]',
];

export async function openEditor(n8n: N8nInstance): Promise<EditorBrowser> {
	const executablePath = requireChromium();
	const userDataDir = mkdtempSync(join(tmpdir(), 'n8n-editor-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: VIEWPORT_WIDTH, height: 900 },
		baseURL: n8n.baseUrl,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);

	const dismissPopups = async (): Promise<void> => {
		for (let round = 0; round < 3; round++) {
			let closed = 0;
			for (const selector of DISMISS_SELECTORS) {
				for (const button of await page.locator(selector).all()) {
					if (!(await button.isVisible().catch(() => false))) continue;
					await button.click({ timeout: 2_000 }).catch(() => undefined);
					closed++;
				}
			}
			if (closed === 0) break;
			await page.waitForTimeout(300);
		}
	};

	const open = async (path: string): Promise<void> => {
		await page.goto(path, { waitUntil: 'domcontentloaded' });
		await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
		await dismissPopups();
	};

	try {
		await page.goto('/signin', { waitUntil: 'domcontentloaded' });
		await page.locator('input[type="email"]').fill(n8n.owner.email);
		await page.locator('input[type="password"]').fill(n8n.owner.password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
		progress(`editor: signed in as ${n8n.owner.email} (${page.url()})`);
	} catch (error) {
		await context.close().catch(() => undefined);
		rmSync(userDataDir, { recursive: true, force: true });
		throw new Error(`signing in to the n8n editor at ${n8n.baseUrl}: ${error.message}`);
	}

	return {
		page,
		context,
		open,
		dismissPopups,
		screenshot: async (file) => {
			await dismissPopups();
			await page.mouse.move(0, 899);
			await page.waitForTimeout(300);
			await page.screenshot({ path: file, type: 'png' });
		},
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

export interface CanvasNodeCheck {
	name: string;
	type: string;
	/** The icon element found: 'img' (loaded), 'svg', 'broken-img' (did not load), 'placeholder', 'none'. */
	icon: string;
	issues: boolean;
}

/** Waits until the canvas shows `expected` nodes, then reads each node's icon and issue marker. */
export async function readCanvas(page: Page, expected: number): Promise<CanvasNodeCheck[]> {
	const nodes = page.locator('[data-test-id="canvas-node"]');
	await page.waitForFunction(
		(n) =>
			(globalThis as any).document.querySelectorAll('[data-test-id="canvas-node"]').length >= n,
		expected,
		{ timeout: 30_000 },
	);
	// Icons load asynchronously: give each <img> its chance to finish before judging it.
	await page
		.waitForFunction(
			() =>
				Array.from(
					(globalThis as any).document.querySelectorAll(
						'[data-test-id="canvas-node"] .n8n-node-icon img',
					),
				).every((img: any) => img.complete),
			undefined,
			{ timeout: 15_000 },
		)
		.catch(() => undefined);
	return nodes.evaluateAll((elements: any[]) =>
		elements.map((el) => {
			const iconRoot = el.querySelector('.n8n-node-icon');
			const img = iconRoot?.querySelector('img');
			let icon = 'none';
			if (iconRoot?.querySelector('[class*="nodeIconPlaceholder"]')) icon = 'placeholder';
			else if (img) icon = img.complete && img.naturalWidth > 0 ? 'img' : 'broken-img';
			else if (iconRoot?.querySelector('svg')) icon = 'svg';
			return {
				name: String(el.getAttribute('data-node-name')),
				type: String(el.getAttribute('data-node-type')),
				icon,
				issues: el.querySelector('[data-test-id="node-issues"]') !== null,
			};
		}),
	);
}

/** Opens a node's details view by double-clicking it on the canvas; resolves when the panel shows. */
export async function openNode(page: Page, name: string): Promise<void> {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	await node.dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible' });
	await page.waitForTimeout(500);
}

/** The parameter issues the open node details view shows: each marker's parameter and tooltip text. */
export async function parameterIssues(page: Page): Promise<string[]> {
	const markers = page.locator('[data-test-id="ndv"] [data-test-id="parameter-issues"]');
	const found: string[] = [];
	for (const marker of await markers.all()) {
		// ParameterInputFull wraps each input in data-test-id="parameter-input-<parameter name>".
		const parameter = await marker.evaluate((el: any) => {
			const item = el.closest('[data-test-id^="parameter-input-"]');
			return String(item?.getAttribute('data-test-id') ?? 'parameter-input-?').slice(16);
		});
		await marker.hover().catch(() => undefined);
		await page.waitForTimeout(800);
		const tooltip = await page
			.locator('.el-popper[aria-hidden="false"], [role="tooltip"]:visible')
			.last()
			.textContent({ timeout: 2_000 })
			.catch(() => '');
		found.push(`parameter ${parameter}: ${String(tooltip ?? '').trim() || '(issue marker)'}`);
	}
	return found;
}

/** Closes the node details view (Escape, then the back-to-canvas button if it is still open). */
export async function closeNode(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	const ndv = page.locator('[data-test-id="ndv"]').first();
	if (await ndv.isVisible().catch(() => false))
		await page
			.locator('[data-test-id="back-to-canvas"]')
			.click({ timeout: 2_000 })
			.catch(() => undefined);
	await ndv.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}
