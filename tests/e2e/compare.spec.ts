/**
 * Two runs side by side on the playground, each in its own worker: both train at once with live
 * heatmaps while the main thread stays responsive (no task over 100 ms) and one timeline scrubs
 * both. (The same two runs' 20-epoch accuracy checks are compare-accuracy.spec.ts: they time
 * nothing, so they run beside the other specs, not alone.)
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, DESKTOP, PHONE, SCREENSHOT_DIR, shoot, untilDrawn } from './helpers';
import { SEED_NET, setUp } from './support/compare';

/** A short version: 6,400 digits (25 batches an epoch), 3 epochs. */
const SHORT = `${SEED_NET}&epochs=3&subset=6400`;
const SHORT_EPOCHS = 3;
/** The longest main-thread task allowed while both runs train. */
const LONG_TASK_MS = 100;

declare global {
	interface Window {
		__longTasks?: { start: number; duration: number }[];
	}
}

/** The pixels of one heatmap inside one run's column. */
async function heatmap(page: Page, column: string, unit: number): Promise<string> {
	const map = await untilDrawn(page.getByTestId(column).getByTestId(`weight-heatmap-${unit}`));
	return map.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL('image/png'));
}

async function both(page: Page, unit: number): Promise<[string, string]> {
	return [await heatmap(page, 'compare-a', unit), await heatmap(page, 'compare-b', unit)];
}

async function shots(page: Page, name: string): Promise<void> {
	await page.setViewportSize(DESKTOP);
	await shoot(page, { path: `${SCREENSHOT_DIR}/${name}-desktop.png`, fullPage: true });
	await page.setViewportSize(PHONE);
	await expect
		.poll(() =>
			page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			)
		)
		.toBeLessThanOrEqual(0);
	await shoot(page, { path: `${SCREENSHOT_DIR}/${name}-phone.png`, fullPage: true });
	// The whole page is too tall to read at phone width: the two runs' panel on its own too.
	await shoot(page.getByTestId('compare'), { path: `${SCREENSHOT_DIR}/${name}-phone-panel.png` });
	await page.setViewportSize(DESKTOP);
}

test('two runs train side by side in two workers, the page stays responsive, one timeline scrubs both', async ({
	page
}) => {
	test.setTimeout(180_000);
	const errors = collectErrors(page);
	// Registered before any page script, buffered: every long task of the page is recorded.
	await page.addInitScript(() => {
		window.__longTasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) {
				window.__longTasks!.push({ start: e.startTime, duration: e.duration });
			}
		}).observe({ type: 'longtask', buffered: true });
	});
	await setUp(page, SHORT);
	const initial = await both(page, 3);
	await shots(page, 'compare-before');

	const trainStart = await page.evaluate(() => performance.now());
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('compare-a-status')).toHaveText('training');
	await expect(page.getByTestId('compare-b-status')).toHaveText('training');

	// Each run can pause on its own while the other goes on. B pauses at once: once warm, a run
	// of this size finishes its last two epochs in well under a second, too soon to catch later.
	await page.getByRole('button', { name: 'Pause run B' }).click();
	await expect(page.getByTestId('compare-b-status')).toHaveText('paused');
	const progressB = page.getByTestId('compare-b-progress');
	const pausedAt = await progressB.textContent();
	await expect
		.poll(async () => Number(await page.getByTestId('compare-a-epoch').textContent()), {
			timeout: 60_000
		})
		.toBeGreaterThanOrEqual(1);
	await expect(page.getByTestId('compare-b-status')).toHaveText('paused');
	expect(await progressB.textContent()).toBe(pausedAt);
	await page.getByRole('button', { name: 'Resume run B' }).click();
	await expect(page.getByTestId('compare-b-status')).not.toHaveText('paused');

	// Both advance, and both sets of live heatmaps repaint.
	await expect
		.poll(() => heatmap(page, 'compare-a', 3), { timeout: 60_000 })
		.not.toEqual(initial[0]);
	await expect
		.poll(() => heatmap(page, 'compare-b', 3), { timeout: 60_000 })
		.not.toEqual(initial[1]);
	await expect(page.getByTestId('compare-b-epoch')).not.toHaveText('0', { timeout: 60_000 });

	for (const id of ['compare-a', 'compare-b']) {
		await expect(page.getByTestId(`${id}-epoch`)).toHaveText(String(SHORT_EPOCHS), {
			timeout: 120_000
		});
		await expect(page.getByTestId(`${id}-status`)).toHaveText('idle');
	}
	const trainEnd = await page.evaluate(() => performance.now());

	// No main-thread task over 100 ms while the two trained (page load and parsing excluded).
	const tasks = await page.evaluate(() => window.__longTasks ?? []);
	const during = tasks.filter((t) => t.start >= trainStart && t.start <= trainEnd);
	const longest = Math.max(0, ...during.map((t) => t.duration));
	console.log(
		`long tasks while training: ${during.length}, longest ${Math.round(longest)} ms over ${Math.round((trainEnd - trainStart) / 1000)} s`
	);
	expect(longest).toBeLessThanOrEqual(LONG_TASK_MS);

	// The charts show both runs, named by what sets them apart.
	const legend = page.getByTestId('compare-accuracy-chart').locator('.legend');
	await expect(legend).toContainText('A: sequential, lr 0.001');
	await expect(legend).toContainText('B: shuffled, lr 0.1');
	await shots(page, 'compare-after');

	// One scrubber moves both runs: two moments differ, and the start is exactly the initial weights.
	const slider = page.getByTestId('compare-timeline-slider');
	const readout = page.getByTestId('compare-timeline-readout');
	const cursor = page.getByTestId('compare-loss-chart').locator('line.cursor');
	await slider.fill('1');
	await expect(readout).toContainText('epoch 0.4');
	await expect(page.getByTestId('compare-a-shown')).toContainText('(batch 10)');
	await expect(page.getByTestId('compare-b-shown')).toContainText('(batch 10)');
	await expect(cursor).toHaveCount(1);
	const early = await both(page, 3);
	const max = Number(await slider.getAttribute('max'));
	await slider.fill(String(max));
	await expect(readout).toContainText(`epoch ${SHORT_EPOCHS}`);
	const late = await both(page, 3);
	expect(late[0]).not.toEqual(early[0]);
	expect(late[1]).not.toEqual(early[1]);
	await slider.focus();
	await page.keyboard.press('Home');
	await expect(readout).toContainText('initial weights');
	expect(await both(page, 3)).toEqual(initial);
	await slider.fill('1');
	await shots(page, 'compare-scrubbed');
	await page.getByTestId('compare-timeline-live').click();
	await expect(readout).toContainText('Live');
	await expect(cursor).toHaveCount(0);

	// Back to one run: the single-run playground returns with run A as it was.
	await page.getByTestId('compare-stop').click();
	await expect(page.getByTestId('epoch')).toHaveText(String(SHORT_EPOCHS));
	await expect(page.getByTestId('timeline-slider')).toBeVisible();
	expect(errors).toEqual([]);
});
