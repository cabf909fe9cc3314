import { expect, type Locator, type Page } from '@playwright/test';
import { HEARTBEAT_MS } from '../../src/lib/engine/heartbeat';

export const SCREENSHOT_DIR = 'test-results/screenshots';

/**
 * Whether this run saves its pictures (`npm run screenshots` sets SCREENSHOTS=1). They are for
 * people to look at, not assertions, and a full-page capture costs about a second of the CPU
 * that `npm test` shares with the training under test: the plain suite skips them.
 */
export const TAKING_SCREENSHOTS = Boolean(process.env.SCREENSHOTS);

/** page.screenshot / locator.screenshot, when this run takes screenshots. */
export async function shoot(
	target: Page | Locator,
	options: Parameters<Page['screenshot']>[0] & Parameters<Locator['screenshot']>[0]
): Promise<void> {
	if (TAKING_SCREENSHOTS) await target.screenshot(options);
}

/** Opens the playground with a query and waits until the data is loaded and checked. */
export async function openPlayground(page: Page, query = ''): Promise<void> {
	await page.goto(`/playground${query ? `?${query}` : ''}`);
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
}

/**
 * The locator, once what it shows is drawn: a heatmap or chart that has just appeared draws a
 * task after its frame (src/lib/viz/later.svelte.ts), marked data-drawn="false" until then.
 */
export async function untilDrawn(locator: Locator): Promise<Locator> {
	await expect(locator).not.toHaveAttribute('data-drawn', 'false');
	return locator;
}

/** The pixels of a canvas, as a data URL, to compare two moments of a heatmap. */
export async function canvasPixels(page: Page, testid: string): Promise<string> {
	const canvas = await untilDrawn(page.getByTestId(testid));
	return canvas.evaluate((element) => (element as HTMLCanvasElement).toDataURL('image/png'));
}

/** Collects console errors and page errors, so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

export async function trainedAccuracy(page: Page, epochs: number): Promise<number> {
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText(String(epochs), { timeout: 90_000 });
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	return Number(await page.getByTestId('valid-accuracy').textContent());
}

/**
 * Waits until the app has taken over the prerendered page (the theme button is the app's once it
 * has hydrated). The page paints first and fetches the app's modules after that paint, so a link
 * clicked before this is a plain page load, not the app's own navigation.
 */
export async function appStarted(page: Page): Promise<void> {
	await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed');
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * Opens a lesson step and waits until its Run button works. A dev server's HMR socket
 * (`/?token=`) is answered by a silent stand-in, so an edit elsewhere cannot reload the page in
 * the middle of a long training run; a built site has no such socket.
 */
export async function openStep(page: Page, slug: string): Promise<void> {
	await page.routeWebSocket(/\/\?token=/, () => {});
	await page.goto(`/lesson/${slug}`);
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
}

/** Full-page screenshots at desktop and phone width, checking the phone view never scrolls sideways. */
export async function screenshots(
	page: Page,
	name: string,
	/** What shows that the page has re-rendered at phone width (default: its Run button). */
	ready: () => Promise<void> = () => expect(page.getByTestId('run-action')).toBeVisible()
): Promise<void> {
	await page.setViewportSize(DESKTOP);
	await shoot(page, { path: `${SCREENSHOT_DIR}/${name}-desktop.png`, fullPage: true });
	await page.setViewportSize(PHONE);
	await ready();
	// Charts re-measure their width a frame after the resize: wait for the layout to settle.
	await expect
		.poll(
			() =>
				page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				),
			{ message: `${name} must not scroll sideways on a phone` }
		)
		.toBeLessThanOrEqual(0);
	await shoot(page, { path: `${SCREENSHOT_DIR}/${name}-phone.png`, fullPage: true });
	await page.setViewportSize(DESKTOP);
}

/** The values of a BarChart's ten bars (data-testid "<testid>-bar-<i>", data-value). */
export async function barValues(page: Page, testid: string): Promise<number[]> {
	const bars = page.locator(`[data-testid^="${testid}-bar-"]`);
	await expect(bars).toHaveCount(10);
	return bars.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-value'))));
}

/**
 * Opens /draw by the site's own link after the playground trained, so the playground's model
 * stays on the shelf for /draw, and waits until /draw says it reads with that model.
 */
export async function followDrawLink(page: Page): Promise<void> {
	await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Draw' }).click();
	await expect(page.getByTestId('draw-model-about')).toContainText('playground', {
		timeout: 90_000
	});
}

/**
 * Moves the page's clock on, a heartbeat at a time, until `locator` says `text`: the page notices
 * a silent worker after 20 s of unanswered pings (engine/heartbeat.ts), which a test need not
 * wait out. Needs page.clock.install() before the page loads; time also flows as usual. Jumps of
 * one ping interval, because a jump fires each timer at most once and a longer one would look
 * like a page that was asleep.
 */
export async function fastForwardUntil(page: Page, locator: Locator, text: string): Promise<void> {
	await expect(async () => {
		await page.clock.fastForward(HEARTBEAT_MS);
		await expect(locator).toContainText(text, { timeout: 100 });
	}).toPass({ timeout: 40_000, intervals: [0] });
}
