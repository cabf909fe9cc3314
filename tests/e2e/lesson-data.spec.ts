import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, collectErrors, SCREENSHOT_DIR, shoot, TAKING_SCREENSHOTS } from './helpers';

/** Opens a lesson step and waits until the run is ready and its digits are loaded. */
async function openStep(page: Page, slug: string): Promise<void> {
	await page.goto(`/lesson/${slug}`);
	await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 90_000 });
}

test('step 1 shows the download, 100 real digits, a pixel table and the class counts', async ({
	page
}) => {
	const errors = collectErrors(page);
	await page.goto('/lesson/data');
	const progress = page.getByTestId('lesson-data-progress');
	await expect(progress).toBeVisible();
	await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
	await expect(progress).toContainText('MNIST loaded');

	const gallery = page.getByTestId('panel-dataGallery');
	const pictures = gallery.locator('button [role="img"]');
	await expect(pictures).toHaveCount(100);
	const first = gallery.locator('button[data-index="0"]');
	await expect(first).toHaveAttribute('aria-pressed', 'true');
	await expect(first).toHaveAccessibleName(/^A 0, training image \d+$/);
	// Real digits: every picture is a different tile of one sheet, and the tiles have ink.
	await expect(pictures.first()).toHaveCSS('background-image', /^url\("blob:/);
	const tiles = await pictures.evaluateAll((spans) =>
		spans.map((span) => {
			const style = getComputedStyle(span);
			return `${style.backgroundImage} ${style.backgroundPosition}`;
		})
	);
	expect(new Set(tiles).size).toBe(100);
	expect(new Set(tiles.map((tile) => tile.split(' ')[0])).size).toBe(1);
	const ink = await pictures.first().evaluate(async (span) => {
		const url = /url\("(.*)"\)/.exec(getComputedStyle(span).backgroundImage)?.[1] ?? '';
		const bitmap = await createImageBitmap(await (await fetch(url)).blob());
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
		context.drawImage(bitmap, 0, 0);
		// The first tile (top left, 28 x 28): how many of its pixels are dark ink.
		const { data } = context.getImageData(0, 0, 28, 28);
		let dark = 0;
		for (let i = 0; i < data.length; i += 4) if (data[i] < 128) dark++;
		return { dark, width: bitmap.width, height: bitmap.height };
	});
	expect(ink).toMatchObject({ width: 280, height: 280 });
	expect(ink.dark).toBeGreaterThan(30);

	const table = page.getByTestId('pixel-table');
	await expect(table.locator('td')).toHaveCount(784);
	await expect(table).toContainText('255');
	await expect(page.getByTestId('pixel-table-title')).toContainText('A 0');
	const before = await table.textContent();

	// Choose a 3 (row 3, fifth example) with the mouse: the table shows another digit.
	await gallery.locator('button[data-index="34"]').click();
	await expect(gallery.locator('button[data-index="34"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(first).toHaveAttribute('aria-pressed', 'false');
	await expect(page.getByTestId('pixel-table-title')).toContainText('A 3');
	expect(await table.textContent()).not.toBe(before);

	// The keyboard moves the choice inside the grid.
	await page.keyboard.press('ArrowDown');
	await expect(gallery.locator('button[data-index="44"]')).toBeFocused();
	await expect(page.getByTestId('pixel-table-title')).toContainText('A 4');

	// The scaled view shows x / 255 with two decimals.
	await expect(table).not.toContainText('1.00');
	await page.getByTestId('pixel-table-scaled').check();
	await expect(table).toContainText('0.00');
	await expect(table).not.toContainText('255');
	await expect(page.getByTestId('scaling-sentence')).toContainText(/becomes \d\.\d\d/);

	await expect(page.getByTestId('count-train-0')).toContainText('5,923');
	await expect(page.getByTestId('count-train-1')).toContainText('6,742');
	await expect(page.getByTestId('class-total-train')).toHaveText('60,000');
	await expect(page.getByTestId('class-total-test')).toHaveText('10,000');
	await expect(page.getByTestId('count-test-5')).toContainText('892');
	await expect(page.getByTestId('class-counts-train')).toContainText('fewest: 5s (5,421)');
	expect(errors).toEqual([]);
});

test('step 2 unrolls the digit into a row of 784, and Run flattens another digit', async ({
	page
}) => {
	const errors = collectErrors(page);
	await openStep(page, 'flatten');
	const image = page.getByTestId('flatten-image');
	await expect(image).toBeVisible({ timeout: 60_000 });

	const shapes = page.getByTestId('flatten-shapes');
	await expect(shapes).toContainText('train_x [60000, 784]');
	await expect(shapes).toContainText('train_y [60000, 1]');
	await expect(shapes).toContainText('valid_y [10000, 1]');
	await expect(page.getByTestId('flatten-label')).toContainText('label is 0');
	const labels = page.getByTestId('flatten-labels');
	await expect(labels).toContainText('59999');
	await expect(labels.locator('tbody tr').first()).toHaveText(/0\s*\[0\]/);
	await expect(labels.locator('tbody tr').last()).toHaveText(/59999\s*\[9\]/);

	// Run: the next class's digit replaces the image and the strip.
	const imageBefore = await canvasPixels(page, 'flatten-image');
	const stripBefore = await canvasPixels(page, 'flatten-strip');
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('flatten-label')).toContainText('label is 1');
	await expect(page.getByTestId('flatten-label')).toContainText('rows 5,923 to 12,664');
	expect(await canvasPixels(page, 'flatten-image')).not.toBe(imageBefore);
	expect(await canvasPixels(page, 'flatten-strip')).not.toBe(stripBefore);

	// Stepping: back to no rows, then one row at a time into the strip.
	const rows = page.getByTestId('flatten-rows');
	await rows.fill('0');
	await expect(page.getByTestId('flatten-status')).toContainText('No rows');
	await page.getByTestId('flatten-step').click();
	await expect(rows).toHaveValue('1');
	await expect(page.getByTestId('flatten-status')).toContainText('Row 0 of the image');
	// The top rows of a digit are often blank, so compare at rows well inside the ink.
	const oneRow = await canvasPixels(page, 'flatten-strip');
	await rows.fill('14');
	await expect(page.getByTestId('flatten-status')).toContainText('positions 364–391');
	const halfway = await canvasPixels(page, 'flatten-strip');
	expect(halfway).not.toBe(oneRow);
	await page.getByTestId('flatten-step').click();
	await expect(rows).toHaveValue('15');
	expect(await canvasPixels(page, 'flatten-strip')).not.toBe(halfway);

	// Play animates row by row to the end: all 28 rows in the strip.
	await page.getByTestId('flatten-play').click();
	await expect(page.getByTestId('flatten-play')).toHaveText('Pause');
	await expect(rows).toHaveValue('28');
	await expect(page.getByTestId('flatten-play')).toHaveText('Play');
	await expect(page.getByTestId('flatten-status')).toContainText('All 784 pixels');

	// With reduced motion, Play shows the end at once instead of animating.
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await rows.fill('5');
	await page.getByTestId('flatten-play').click();
	// Read once, no retry: an animation would still be at row 6 or so here.
	expect(await rows.inputValue()).toBe('28');
	expect(await page.getByTestId('flatten-play').textContent()).toBe('Play');
	expect(errors).toEqual([]);
});

test('screenshots of steps 1 and 2 at desktop and phone width', async ({ page }) => {
	test.skip(!TAKING_SCREENSHOTS, 'pictures only: lesson-layout checks these steps’ widths');
	test.setTimeout(240_000);
	for (const [width, height, name] of [
		[1280, 900, 'desktop'],
		[390, 844, 'phone']
	] as const) {
		await page.setViewportSize({ width, height });
		for (const slug of ['data', 'flatten']) {
			await openStep(page, slug);
			await expect(page.locator('[data-testid^="panel-"] canvas').first()).toBeVisible();
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${slug} at ${name} width overflows the page`).toBe(0);
			await shoot(page, {
				path: `${SCREENSHOT_DIR}/lesson-${slug}-${name}.png`,
				fullPage: true
			});
		}
	}
});
