import { expect, test, type Page } from '@playwright/test';
import { contrastRatio } from '../../src/lib/viz/contrast';
import { parseColor } from '../../src/lib/viz/paint';
import { appStarted, followDrawLink, SCREENSHOT_DIR, shoot, untilDrawn } from './helpers';

/** The page's computed background, e.g. "rgb(20, 23, 29)". */
function background(page: Page): Promise<string> {
	return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

const LIGHT_PAPER = 'rgb(255, 255, 255)';
const DARK_PAPER = 'rgb(20, 23, 29)';

test.describe('a light system', () => {
	test.use({ colorScheme: 'light' });

	test('the toggle switches the theme and is remembered across a reload, painted before the app runs', async ({
		page
	}) => {
		await page.goto('/');
		const html = page.locator('html');
		const toggle = page.getByRole('button', { name: 'Dark theme' });
		await expect(html).toHaveAttribute('data-theme', 'light');
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		expect(await background(page)).toBe(LIGHT_PAPER);

		await toggle.click();
		await expect(html).toHaveAttribute('data-theme', 'dark');
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		expect(await background(page)).toBe(DARK_PAPER);

		await page.reload();
		await expect(html).toHaveAttribute('data-theme', 'dark');
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');

		// The theme comes from app.html's inline script, not from the app: with the app's code
		// blocked (its styles still load) the page still opens dark, so there is no light flash
		// while the app loads.
		const appCode = /\/_app\/immutable\/.*\.js$/;
		await page.route(appCode, (route) => route.abort());
		await page.goto('/draw');
		await expect(html).toHaveAttribute('data-theme', 'dark');
		expect(await background(page)).toBe(DARK_PAPER);
		await expect(toggle).not.toHaveAttribute('aria-pressed');
		// Before the app has the button, app.html's script answers it, and remembers the same way:
		// light (the system's theme here) is stored as no choice, dark as 'dark'.
		await toggle.click();
		await expect(html).toHaveAttribute('data-theme', 'light');
		expect(await page.evaluate(() => localStorage.getItem('digit-lab-theme'))).toBeNull();
		await toggle.click();
		await expect(html).toHaveAttribute('data-theme', 'dark');
		expect(await page.evaluate(() => localStorage.getItem('digit-lab-theme'))).toBe('dark');
		await page.unroute(appCode);

		// Another page keeps the choice; choosing light again (the system's) forgets it.
		await page.goto('/playground');
		await expect(html).toHaveAttribute('data-theme', 'dark');
		// The app has taken over the button (before that, app.html's script answers a click).
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await toggle.click();
		await expect(html).toHaveAttribute('data-theme', 'light');
		expect(await page.evaluate(() => localStorage.getItem('digit-lab-theme'))).toBeNull();
		await page.reload();
		await expect(html).toHaveAttribute('data-theme', 'light');
	});

	test('opening in the dark theme shifts nothing', async ({ page }) => {
		await page.addInitScript(() => {
			localStorage.setItem('digit-lab-theme', 'dark');
			(window as unknown as { shifts: number }).shifts = 0;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) {
					(window as unknown as { shifts: number }).shifts += (
						entry as unknown as {
							value: number;
						}
					).value;
				}
			}).observe({ type: 'layout-shift', buffered: true });
		});
		await page.goto('/');
		await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);
	});
});

test.describe('a dark system', () => {
	test.use({ colorScheme: 'dark' });

	test('prefers-color-scheme: dark starts dark, and the page follows the system live', async ({
		page
	}) => {
		await page.goto('/');
		const html = page.locator('html');
		await expect(html).toHaveAttribute('data-theme', 'dark');
		await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		expect(await background(page)).toBe(DARK_PAPER);
		// No choice made: the system turning light turns the page light.
		await page.emulateMedia({ colorScheme: 'light' });
		await expect(html).toHaveAttribute('data-theme', 'light');
		await page.emulateMedia({ colorScheme: 'dark' });
		await expect(html).toHaveAttribute('data-theme', 'dark');
		// Choosing light on a dark system is remembered.
		await page.getByRole('button', { name: 'Dark theme' }).click();
		await expect(html).toHaveAttribute('data-theme', 'light');
		await page.reload();
		await expect(html).toHaveAttribute('data-theme', 'light');
	});
});

test.describe('maps on a dark page', () => {
	test.use({ colorScheme: 'dark' });

	test('a diverging map keeps a neutral zero that stands out from the dark page', async ({
		page
	}) => {
		await page.goto('/lesson/gradient');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		const map = page.getByTestId('gradient-heatmap-0');
		await expect(map).toBeVisible({ timeout: 90_000 });
		// MNIST's corner pixels are blank in every digit, so the gradient of their weights is
		// exactly 0: the corner is painted in the map's zero colour.
		const corner = await (
			await untilDrawn(map)
		).evaluate((node) => {
			const canvas = node as HTMLCanvasElement;
			const [r, g, b] = canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data;
			return `rgb(${r}, ${g}, ${b})`;
		});
		// Neutral: grey, neither red nor blue.
		const channels = parseColor(corner);
		expect(Math.max(...channels) - Math.min(...channels), corner).toBeLessThan(12);
		const paper = await background(page);
		expect(paper).toBe(DARK_PAPER);
		// WCAG's 3:1 for graphics, between the zero colour and the page around the map.
		expect(contrastRatio(corner, paper)).toBeGreaterThanOrEqual(3);
		// The map's frame is visible against the page too, so a map of zeros still has an edge.
		const frame = await map.evaluate((node) => getComputedStyle(node).borderTopColor);
		expect(contrastRatio(frame, paper)).toBeGreaterThan(1.5);
	});
});

/** Full-page screenshots at a laptop's 1280 x 800 and a phone's 390 x 844. */
async function shots(page: Page, name: string): Promise<void> {
	for (const [width, height, size] of [
		[1280, 800, 'desktop'],
		[390, 844, 'phone']
	] as const) {
		await page.setViewportSize({ width, height });
		// Charts re-measure their width a frame after a resize: wait until nothing is too wide.
		await expect
			.poll(() =>
				page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				)
			)
			.toBeLessThanOrEqual(0);
		// The site header's brand, links and theme toggle stay on one line, on a phone too.
		const middles = await page
			.locator('header.site')
			.locator('a, button')
			.evaluateAll((items) =>
				items.map((item) => {
					const box = item.getBoundingClientRect();
					return (box.top + box.bottom) / 2;
				})
			);
		expect(Math.max(...middles) - Math.min(...middles), `${name}: the header wraps`).toBeLessThan(
			10
		);
		await shoot(page, { path: `${SCREENSHOT_DIR}/dark-${name}-${size}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('dark screenshots', () => {
	test.use({ colorScheme: 'dark' });

	test('the pages and two lesson steps in the dark theme', async ({ page }) => {
		test.setTimeout(300_000);
		await page.routeWebSocket(/\/\?token=/, () => {});
		await page.goto('/');
		await appStarted(page);
		await shots(page, 'home');

		await page.goto('/playground?order=shuffled&std=0.01&epochs=1');
		await page.getByRole('button', { name: 'Train', exact: true }).click();
		await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 120_000 });
		await expect(page.getByTestId('run-status')).toHaveText('idle');
		await shots(page, 'playground-trained');

		await followDrawLink(page);
		await page.getByTestId('draw-example-3').click();
		await expect(page.getByTestId('draw-answer')).toBeVisible();
		await shots(page, 'draw');

		await page.goto('/lesson/data');
		await expect(page.getByTestId('pixel-table')).toBeVisible({ timeout: 90_000 });
		await shots(page, 'lesson-data');

		await page.getByTestId('rail-gradient').click();
		await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
		await expect(page.getByTestId('gradient-heatmap-9')).toBeVisible({ timeout: 90_000 });
		await shots(page, 'lesson-gradient');
	});
});
