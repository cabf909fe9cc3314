import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, collectErrors, openStep, screenshots, untilDrawn } from './helpers';

/** The 30 hidden activations as drawn (data-value of each bar). */
async function hiddenValues(page: Page): Promise<number[]> {
	const bars = page.locator('[data-testid^="hidden-bar-"]');
	await expect(bars).toHaveCount(30);
	return bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
}

test('step 10: Run builds the net; its diagram, ReLU, maps and one digit’s activations', async ({
	page
}) => {
	const errors = collectErrors(page);
	await openStep(page, 'net');

	// A fresh lesson starts with the linear learner: the panel says so until Run builds the net.
	const status = page.getByTestId('net-status');
	await expect(status).toContainText('still the linear learner');
	await expect(page.getByTestId('net-param-total')).toHaveText('23,860');
	await expect(page.getByTestId('net-param-counts')).toContainText('23,550');
	await expect(page.getByTestId('net-param-counts')).toContainText('310');
	await expect(page.getByTestId('net-diagram').locator('svg')).toHaveAttribute(
		'aria-label',
		/784 pixels.*30 hidden units.*23,550 parameters.*10 outputs.*310 parameters/
	);
	await expect(page.getByTestId('net-diagram').locator('circle')).toHaveCount(40);
	await expect(page.getByTestId('net-relu').locator('path')).toHaveAttribute('d', /\S+/);
	await expect(page.getByTestId('net-w1')).toHaveCount(0);

	await page.getByTestId('run-action').click();
	await expect(status).toContainText('The run is the net (seed 1), 0 batches trained');
	await expect(page.getByTestId('run-summary')).toContainText('Run: net');

	// Thirty maps of 28 x 28 weights, labelled h1..h30, painted from the fresh W1.
	const maps = page.getByTestId('net-w1').locator('canvas');
	await expect(maps).toHaveCount(30);
	await expect(page.getByTestId('net-w1')).toContainText('h30');
	await expect(page.getByTestId('net-w1')).toContainText(/30 weight maps, values from -0\.03/);
	const blank = await page.evaluate(() => {
		const c = document.createElement('canvas');
		c.width = c.height = 28;
		return c.toDataURL('image/png');
	});
	expect(await canvasPixels(page, 'weight-heatmap-0')).not.toBe(blank);

	// One digit's 30 activations: never negative; the zeros are drawn and counted.
	const first = await hiddenValues(page);
	expect(first.every((v) => v >= 0)).toBe(true);
	const off = first.filter((v) => v === 0).length;
	expect(off).toBeGreaterThan(0);
	expect(off).toBeLessThan(30);
	await expect(page.getByTestId('net-off-count')).toContainText(
		`${off} of 30 units are off (ReLU gave 0)`
	);
	const probabilities = await page
		.locator('[data-testid^="net-probabilities-bar-"]')
		.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
	expect(probabilities).toHaveLength(10);
	expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);

	// Another digit lights up other units.
	await page.getByTestId('test-digit-2').click();
	await expect(page.getByTestId('test-digit-2')).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(async () => (await hiddenValues(page)).join()).not.toBe(first.join());

	await screenshots(page, 'lesson-net');
	expect(errors).toEqual([]);
});

test('step 11: the usual preset trains the net past 90% in two epochs, live', async ({ page }) => {
	test.setTimeout(240_000);
	const errors = collectErrors(page);
	await openStep(page, 'train-net');

	await expect(page.getByTestId('net-preset-seed')).toBeChecked();
	await expect(page.getByTestId('net-notebook-compare')).toContainText(
		'The notebook reported 80.5%'
	);
	await expect(page.getByTestId('net-linear-reference')).toContainText(
		'No linear run yet: train one in step 8'
	);
	await page.getByTestId('net-preset-usual').check();

	await page.getByTestId('run-action').click();
	const firstMap = page.getByTestId('net-train-w1').getByTestId('weight-heatmap-0');
	await expect(firstMap).toBeVisible({ timeout: 60_000 });
	const before = await (
		await untilDrawn(firstMap)
	).evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));

	// After two epochs: pause, and look at what the run drew.
	const compare = page.getByTestId('net-notebook-compare');
	await expect(compare).toContainText(/after epoch [2-9]/, { timeout: 150_000 });
	const pause = page.getByTestId('net-pause');
	await pause.click();
	await expect(pause).toHaveText('Resume');
	await expect(page.getByTestId('net-train-progress')).toHaveAttribute('aria-label', /\(paused\)/);

	const accuracy = Number(await page.getByTestId('net-accuracy').textContent());
	expect(accuracy).toBeGreaterThan(0.9);
	await expect(compare).toContainText(`your run: ${accuracy.toFixed(4)}`);

	const after = await firstMap.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
	expect(after).not.toBe(before);

	// Four gradient series (W1, b1, W2, b2), each with points from the trained batches.
	const grad = page.getByTestId('net-grad-chart');
	await expect(grad).toHaveAttribute('data-series', '4');
	for (const name of ['W1', 'b1', 'W2', 'b2']) {
		const points = Number(
			await grad.getByTestId(`grad-series-${name}`).getAttribute('data-points')
		);
		expect(points, name).toBeGreaterThan(50);
	}
	await expect(grad.locator('svg[role="img"]')).toHaveAttribute('aria-label', /W1 \d/);
	await expect(page.getByTestId('net-loss-chart').locator('svg[role="img"]')).toHaveAttribute(
		'aria-label',
		/validation loss [\d.]+ at epoch [2-9]/
	);

	await screenshots(page, 'lesson-train-net');
	await pause.click();
	await expect(pause).toHaveText('Pause');
	expect(errors).toEqual([]);
});

test('step 11: the timeline scrubs the 30 hidden units back to the net step 10 built', async ({
	page
}) => {
	test.setTimeout(180_000);
	const errors = collectErrors(page);
	// Step 10 builds the net from seed 1: its W1 is what step 11's run starts from.
	await openStep(page, 'net');
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('net-status')).toContainText('0 batches trained');
	const built = await canvasPixels(page, 'weight-heatmap-0');

	await page.getByRole('link', { name: /11\. Train the network/ }).click();
	await expect(page).toHaveURL(/\/lesson\/train-net$/);
	await expect(page.getByTestId('run-action')).toBeEnabled();
	await page.getByTestId('net-preset-usual').check();
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('net-notebook-compare')).toContainText(/after epoch [1-9]/, {
		timeout: 120_000
	});
	await page.getByTestId('net-pause').click();
	await expect(page.getByTestId('net-pause')).toHaveText('Resume');

	const slider = page.getByTestId('timeline-slider');
	const readout = page.getByTestId('timeline-readout');
	const map = page.getByTestId('net-train-w1').getByTestId('weight-heatmap-0');
	const pixels = async () =>
		(await untilDrawn(map)).evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
	await slider.fill('2');
	await expect(readout).toContainText('(batch 20)');
	const early = await pixels();
	// One cursor on each chart at the moment shown.
	for (const id of ['net-loss-chart', 'net-accuracy-chart', 'net-grad-chart']) {
		await expect(page.getByTestId(id).locator('line.cursor'), id).toHaveCount(1);
	}
	const max = Number(await slider.getAttribute('max'));
	await slider.fill(String(max));
	await expect(readout).toContainText(/epoch \d+ \(batch [\d,]+\)/);
	expect(await pixels()).not.toBe(early);
	await slider.focus();
	await page.keyboard.press('Home');
	await expect(readout).toContainText('initial weights (batch 0)');
	expect(await pixels()).toBe(built);
	await slider.fill('2');
	await screenshots(page, 'lesson-train-net-timeline');
	expect(errors).toEqual([]);
});
