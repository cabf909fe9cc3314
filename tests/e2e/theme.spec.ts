import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOT_DIR } from './helpers';

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
		await page.unroute(appCode);

		// Another page keeps the choice; choosing light again (the system's) forgets it.
		await page.goto('/playground');
		await expect(html).toHaveAttribute('data-theme', 'dark');
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

/** WCAG relative luminance of an sRGB colour given as 0-255 channels. */
function luminance([r, g, b]: number[]): number {
	const lin = (c: number) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: number[], b: number[]): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

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
		const corner = await map.evaluate((node) => {
			const canvas = node as HTMLCanvasElement;
			return Array.from(canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data.slice(0, 3));
		});
		// Neutral: grey, neither red nor blue.
		expect(Math.max(...corner) - Math.min(...corner), `zero colour ${corner}`).toBeLessThan(12);
		const paper = (await background(page)).match(/\d+/g)!.map(Number);
		expect(paper).toEqual([20, 23, 29]);
		// WCAG's 3:1 for graphics, between the zero colour and the page around the map.
		expect(contrast(corner, paper)).toBeGreaterThanOrEqual(3);
		// The map's frame is visible against the page too, so a map of zeros still has an edge.
		const frame = (await map.evaluate((node) => getComputedStyle(node).borderTopColor))
			.match(/\d+/g)!
			.map(Number);
		expect(contrast(frame, paper)).toBeGreaterThan(1.5);
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
		await page.screenshot({ path: `${SCREENSHOT_DIR}/dark-${name}-${size}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('dark screenshots', () => {
	test.use({ colorScheme: 'dark' });

	test('the pages and two lesson steps in the dark theme', async ({ page }) => {
		test.setTimeout(300_000);
		await page.routeWebSocket(/\/\?token=/, () => {});
		await page.goto('/');
		await shots(page, 'home');

		await page.goto('/playground?order=shuffled&std=0.01&epochs=1');
		await page.getByRole('button', { name: 'Train', exact: true }).click();
		await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 120_000 });
		await expect(page.getByTestId('run-status')).toHaveText('idle');
		await shots(page, 'playground-trained');

		// The site's own link keeps the playground's model for /draw.
		await page
			.getByRole('navigation', { name: 'Site' })
			.getByRole('link', { name: 'Draw' })
			.click();
		await expect(page.getByTestId('draw-model-about')).toContainText('playground', {
			timeout: 90_000
		});
		await page.getByTestId('draw-example-3').click();
		await expect(page.getByTestId('draw-answer')).toBeVisible();
		await shots(page, 'draw');

		await page.goto('/lesson/data');
		await expect(page.getByTestId('pixel-table')).toBeVisible({ timeout: 90_000 });
		await shots(page, 'lesson-data');

		await page.getByTestId('rail-gradient').click();
		await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
		await shots(page, 'lesson-gradient');
	});
});
