/**
 * Watching weights evolve: the playground's timeline scrubs back through the snapshots the
 * engine remembered, during training and after it, and the charts mark the same moment.
 */
import { expect, test } from '@playwright/test';
import { canvasPixels, collectErrors, openPlayground, SCREENSHOT_DIR, shoot } from './helpers';

// Full MNIST in batches of 256: 235 batches an epoch. Ten epochs, so the run is still
// training while the test scrubs (two could end, on a fast backend, before the scrub was done).
const EPOCHS = 10;
const RECIPE = `order=shuffled&std=0.01&epochs=${EPOCHS}`;
// Step 0, batches 10, 20, ..., 230 of the first epoch, then each epoch's end.
const SNAPSHOTS = 1 + 23 + EPOCHS;

test('the timeline scrubs through training and back to the initial weights', async ({ page }) => {
	test.setTimeout(240_000);
	const errors = collectErrors(page);
	await openPlayground(page, RECIPE);
	const slider = page.getByTestId('timeline-slider');
	const readout = page.getByTestId('timeline-readout');
	const live = page.getByTestId('timeline-live');
	// A vertical line has a zero-width box, which Playwright calls hidden: count it instead.
	const cursor = page.getByTestId('loss-chart').locator('line.cursor');

	await expect(page.getByTestId('weight-heatmap-3')).toBeVisible();
	await expect(readout).toContainText('Live');
	const initial = await canvasPixels(page, 'weight-heatmap-3');

	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('run-status')).toHaveText('training');

	// During training: scrub back while it goes on, then return to following the live weights.
	await expect.poll(async () => Number(await slider.getAttribute('max'))).toBeGreaterThan(3);
	await slider.fill('1');
	await expect(readout).toContainText('epoch 0.04 (batch 10)');
	await expect(live).toHaveAttribute('aria-pressed', 'false');
	await expect(cursor).toHaveCount(1);
	const max = Number(await slider.getAttribute('max'));
	await expect.poll(async () => Number(await slider.getAttribute('max'))).toBeGreaterThan(max);
	await expect(readout).toContainText('batch 10'); // the scrubbed moment stays put
	await live.click();
	await expect(live).toHaveAttribute('aria-pressed', 'true');
	await expect(readout).toContainText('Live');
	await expect(cursor).toHaveCount(0);

	await expect(page.getByTestId('epoch')).toHaveText(String(EPOCHS), { timeout: 180_000 });
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	await expect(slider).toHaveAttribute('max', String(SNAPSHOTS - 1));
	await expect(readout).toContainText(`${SNAPSHOTS} of ${SNAPSHOTS} snapshots`);

	// After training: two moments look different, and the chart marks the one shown.
	await slider.fill('5');
	await expect(readout).toContainText('epoch 0.21 (batch 50)');
	const early = await canvasPixels(page, 'weight-heatmap-3');
	await expect(page.getByTestId('gradient-heatmap-3')).toBeVisible();
	await expect(cursor).toHaveCount(1);
	const earlyCursor = Number(await cursor.getAttribute('x1'));
	await slider.fill(String(SNAPSHOTS - 1));
	await expect(readout).toContainText(
		`epoch ${EPOCHS} (batch ${(EPOCHS * 235).toLocaleString('en-US')})`
	);
	const late = await canvasPixels(page, 'weight-heatmap-3');
	expect(late).not.toEqual(early);
	expect(Number(await cursor.getAttribute('x1'))).toBeGreaterThan(earlyCursor);
	await slider.fill('12');
	await shoot(page, { path: `${SCREENSHOT_DIR}/timeline-desktop.png`, fullPage: true });

	// The keyboard drives the slider: Home goes back to exactly the weights before training.
	await slider.focus();
	await page.keyboard.press('Home');
	await expect(readout).toContainText('initial weights (batch 0)');
	expect(await canvasPixels(page, 'weight-heatmap-3')).toEqual(initial);
	await expect(page.getByText('No gradient yet')).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(readout).toContainText('batch 10');

	// Play replays from the start at a steady rate and stops at the newest snapshot.
	await slider.fill(String(SNAPSHOTS - 1));
	await page.getByTestId('timeline-play').click();
	await expect(page.getByTestId('timeline-play')).toContainText('Pause');
	// It went back to the start: some moment inside epoch 1 shows on the way (which one depends on
	// the frame rate; the first, the initial weights, shows for 180 ms only, which a loaded machine
	// can miss between two looks).
	await expect(readout).toHaveText(/epoch 0\.\d+ \(batch \d+\)/);
	await expect(page.getByTestId('timeline-play')).toContainText('Play', { timeout: 30_000 });
	await expect(readout).toContainText(
		`epoch ${EPOCHS} (batch ${(EPOCHS * 235).toLocaleString('en-US')})`
	);

	await slider.fill('8');
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(page.getByTestId('weight-heatmap-9')).toBeVisible();
	await shoot(page, { path: `${SCREENSHOT_DIR}/timeline-phone.png`, fullPage: true });
	expect(errors).toEqual([]);
});
