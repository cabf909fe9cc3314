import { expect, test, type Page } from '@playwright/test';
import {
	canvasPixels,
	collectErrors,
	DESKTOP,
	openStep,
	PHONE,
	SCREENSHOT_DIR,
	screenshots,
	shoot
} from './helpers';

async function finalAccuracy(page: Page): Promise<number> {
	return Number(await page.getByTestId('lesson-final-accuracy').textContent());
}

/** The counts of the 100 cells of the visible confusion matrix. */
async function cellCounts(page: Page): Promise<number[]> {
	const cells = page.getByTestId('confusion-matrix').locator('button[data-count]');
	await expect(cells).toHaveCount(100);
	return cells.evaluateAll((buttons) => buttons.map((b) => Number(b.getAttribute('data-count'))));
}

/** Opens a cell by clicking it and checks that its digits appear with the cell's true label. */
async function openCell(page: Page, row: number, col: number, count: number): Promise<void> {
	await page
		.locator(`[data-testid="confusion-matrix"] button[data-row="${row}"][data-col="${col}"]`)
		.click();
	await expect(page.getByTestId('cell-total')).toHaveText(String(count));
	const digits = page.getByTestId('cell-digit');
	await expect(digits).toHaveCount(Math.min(count, 40));
	const labels = await digits.evaluateAll((items) =>
		items.map((i) => i.getAttribute('data-label'))
	);
	expect(new Set(labels)).toEqual(new Set([String(row)]));
	await expect(digits.first().locator('canvas')).toHaveAttribute(
		'aria-label',
		new RegExp(`labelled ${row}, predicted ${col}`)
	);
}

test('step 9: the confusion matrix counts 10,000 digits and opens its cells', async ({ page }) => {
	const errors = collectErrors(page);
	await openStep(page, 'accuracy');

	// Same accuracy, different loss: computed, not typed in.
	const pictures = page.getByTestId('accuracy-vs-loss');
	await expect(pictures).toContainText('loss −ln 0.51 = 0.67');
	await expect(pictures).toContainText('loss −ln 0.99 = 0.01');
	await expect(pictures.getByText('accuracy 1', { exact: false })).toHaveCount(2);

	await page.getByTestId('run-action').click();
	// The count is done when the Run button is free again (opening the step may have counted).
	await expect(page.getByTestId('run-action')).toBeEnabled();
	await expect(page.getByTestId('confusion-total')).toHaveText('10,000');
	const counts = await cellCounts(page);
	expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
	await expect(page.getByTestId('confusion-model')).toContainText('untrained');
	const cell = page.getByRole('button', { name: /^true 4, predicted 9: \d+ digits$/ });
	await expect(cell).toHaveAttribute('aria-label', `true 4, predicted 9: ${counts[49]} digits`);
	await expect(page.getByTestId('class-accuracy').locator('li')).toHaveCount(10);

	// A small off-diagonal cell shows all its digits; a big one shows the first 40.
	const small = counts.findIndex((v, i) => v > 0 && v <= 40 && i % 11 !== 0);
	const big = counts.findIndex((v) => v > 40);
	expect(small).toBeGreaterThanOrEqual(0);
	expect(big).toBeGreaterThanOrEqual(0);
	await openCell(page, Math.floor(small / 10), small % 10, counts[small]);
	await openCell(page, Math.floor(big / 10), big % 10, counts[big]);
	await expect(
		page.locator(`button[data-row="${Math.floor(big / 10)}"][data-col="${big % 10}"]`)
	).toHaveAttribute('aria-pressed', 'true');

	// Keyboard: arrows move between cells, Enter opens the focused one.
	const start = page.locator('[data-testid="confusion-matrix"] button[data-row="0"][data-col="0"]');
	await start.focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('button[data-row="1"][data-col="1"]')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('cell-digits')).toContainText(`True 1, predicted 1: ${counts[11]}`);

	await screenshots(page, 'lesson-accuracy-untrained');
	expect(errors).toEqual([]);
});

test('step 8: the notebook’s recipe tracks the notebook, the three switches reach 92%', async ({
	page
}) => {
	// Two 20-epoch runs: ~40 s each on an idle machine, several minutes on a busy shared one.
	test.setTimeout(1_200_000);
	const errors = collectErrors(page);
	await openStep(page, 'train');

	const chart = page.getByTestId('lesson-train-chart');
	// The notebook's 20 printed points are there before any training.
	await expect(chart.locator('circle')).toHaveCount(20);
	await expect(chart.locator('path.dashed')).toHaveCount(1);
	await expect(page.getByTestId('lesson-runs')).toContainText('No finished run yet');
	const before = await canvasPixels(page, 'weight-heatmap-4');

	// Run 1: the notebook's recipe (all switches off), via the step's Run button.
	await expect(page.getByTestId('switch-label')).toHaveText('notebook’s recipe');
	await page.getByTestId('run-action').click();
	const progress = page.getByTestId('lesson-train-progress');
	await expect(progress).toHaveAttribute('aria-label', /^Epoch \d+ of 20/);
	// Points arrive as epochs finish, and the weights repaint while they learn.
	// At least one epoch's marks: an epoch adds them one at a time, so an exact count can be
	// trained past between two polls on a fast machine (seen: 21, then 23).
	await expect
		.poll(() => chart.locator('circle').count(), { timeout: 240_000, intervals: [100] })
		.toBeGreaterThanOrEqual(22);
	await expect.poll(() => canvasPixels(page, 'weight-heatmap-4')).not.toBe(before);

	// Pause holds the run still; Resume carries on.
	await page.getByTestId('lesson-pause').click();
	await expect(progress).toHaveAttribute('aria-label', /\(paused\)/);
	await expect(page.getByTestId('lesson-pause')).toHaveText('Resume');
	await shoot(page, {
		path: `${SCREENSHOT_DIR}/lesson-train-midrun-desktop.png`,
		fullPage: true
	});
	await page.setViewportSize(PHONE);
	// The chart re-measures its width a frame after the resize.
	await expect(chart.locator('svg[role="img"]')).toHaveAttribute('width', /^[1-3]\d\d$/);
	await shoot(page, {
		path: `${SCREENSHOT_DIR}/lesson-train-midrun-phone.png`,
		fullPage: true
	});
	await page.setViewportSize(DESKTOP);
	await page.getByTestId('lesson-pause').click();
	await expect(progress).not.toHaveAttribute('aria-label', /\(paused\)/);
	// From here the test reads numbers only: with the animated panels out of view the browser
	// skips painting them and the cores go to training.
	await scrollToEnd(page);

	const rows = page.getByTestId('lesson-run-row');
	await expect(rows).toHaveCount(1, { timeout: 480_000 });
	await expect(chart.locator('circle')).toHaveCount(40);
	const notebookRun = await finalAccuracy(page);
	expect(notebookRun).toBeGreaterThan(0.55);
	expect(notebookRun).toBeLessThan(0.72);
	await expect(rows.first()).toContainText('notebook’s recipe');
	await expect(chart).toContainText('0.6374');

	// Run 2: all three switches, via the panel's button.
	await page.getByTestId('switch-shuffle').check();
	await page.getByTestId('switch-smallInit').check();
	await page.getByTestId('switch-exactAccuracy').check();
	await expect(page.getByTestId('switch-label')).toHaveText('shuffled + std 0.01 + exact');
	await page.getByTestId('train-switched').click();
	await scrollToEnd(page);
	await expect(rows).toHaveCount(2, { timeout: 480_000 });
	expect(await finalAccuracy(page)).toBeGreaterThan(0.9);
	const second = rows.nth(1);
	await expect(second).toContainText('shuffled + std 0.01 + exact');
	expect(Number(await second.getByTestId('run-final').textContent())).toBeGreaterThan(0.9);
	expect(Number(await second.getByTestId('run-exact').textContent())).toBeGreaterThan(0.9);
	await screenshots(page, 'lesson-train');

	// The trained model carries over to step 9 (client-side navigation keeps the run).
	await page.getByRole('link', { name: /9\. Accuracy as a metric/ }).click();
	await expect(page).toHaveURL(/\/lesson\/accuracy$/);
	await expect(page.getByTestId('run-action')).toHaveText(/Count the confusions/);
	await expect(page.getByTestId('run-action')).toBeEnabled();
	await page.getByTestId('run-action').click();
	// The count is done when the Run button is free again (opening the step may have counted).
	await expect(page.getByTestId('run-action')).toBeEnabled();
	await expect(page.getByTestId('confusion-total')).toHaveText('10,000');
	await expect(page.getByTestId('confusion-model')).toContainText('after 20 epochs');
	await expect(page.getByTestId('confusion-model')).toContainText('shuffled + std 0.01 + exact');
	const counts = await cellCounts(page);
	const diagonal = counts.filter((_, i) => i % 11 === 0).reduce((a, b) => a + b, 0);
	expect(diagonal / 10_000).toBeGreaterThan(0.9);
	const worst = counts.reduce((best, v, i) => (i % 11 !== 0 && v > counts[best] ? i : best), 1);
	await openCell(page, Math.floor(worst / 10), worst % 10, counts[worst]);
	await screenshots(page, 'lesson-accuracy');
	expect(errors).toEqual([]);
});

test('step 8: the timeline scrubs the ten weight maps during training, back to the initial ones', async ({
	page
}) => {
	test.setTimeout(180_000);
	const errors = collectErrors(page);
	await openStep(page, 'train');
	const before = await canvasPixels(page, 'weight-heatmap-4');
	const slider = page.getByTestId('timeline-slider');
	const readout = page.getByTestId('timeline-readout');
	const cursor = page.getByTestId('lesson-train-chart').locator('line.cursor');

	// The notebook's recipe starts from the same seed's weights the step already shows.
	await page.getByTestId('run-action').click();
	// At least one epoch's marks on the chart (the notebook's 20 are there from the start). Not an
	// exact count: an epoch adds its marks one at a time, and a fast machine trains past any one
	// count between two polls (seen: 21, then 23).
	await expect
		.poll(() => page.getByTestId('lesson-train-chart').locator('circle').count(), {
			timeout: 120_000,
			intervals: [100]
		})
		.toBeGreaterThanOrEqual(22);
	await page.getByTestId('lesson-pause').click();
	await expect(page.getByTestId('lesson-pause')).toHaveText('Resume');

	// Scrubbing during the (paused) run: two moments differ, the start is the initial weights.
	await slider.fill('3');
	await expect(readout).toContainText('(batch 30)');
	await expect(cursor).toHaveCount(1);
	const early = await canvasPixels(page, 'weight-heatmap-4');
	const max = Number(await slider.getAttribute('max'));
	await slider.fill(String(max));
	// The newest moment: an epoch's end (how many epochs depends on how fast this machine is).
	await expect(readout).toContainText(/epoch \d+ \(batch [\d,]+\)/);
	expect(await canvasPixels(page, 'weight-heatmap-4')).not.toBe(early);
	await slider.focus();
	await page.keyboard.press('Home');
	await expect(readout).toContainText('initial weights (batch 0)');
	expect(await canvasPixels(page, 'weight-heatmap-4')).toBe(before);
	await slider.fill('3');
	await screenshots(page, 'lesson-train-timeline');

	await page.getByTestId('timeline-live').click();
	await expect(readout).toContainText('Live');
	await expect(cursor).toHaveCount(0);
	expect(errors).toEqual([]);
});

function scrollToEnd(page: Page): Promise<void> {
	return page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}
