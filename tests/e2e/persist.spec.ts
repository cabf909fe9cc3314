import { expect, test } from '@playwright/test';
import { openPlayground } from './helpers';
import { pauseAndSave, readSaved } from './support/savedRuns';

/**
 * Runs are saved in the browser's IndexedDB at each epoch's end and on pause (restore.spec brings
 * them back). Read back here with the raw IndexedDB API (support/savedRuns.ts).
 */
test('each epoch and a pause are saved in IndexedDB, and the save outlives a reload', async ({
	page
}) => {
	await openPlayground(page, 'subset=2000&epochs=200&batch=32');
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	// An epoch of 2,000 digits can take less than Playwright's polling gap: "at least one epoch".
	await expect
		.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 60_000 })
		.toBeGreaterThanOrEqual(1);
	await expect
		.poll(async () => (await readSaved(page)).summaries[0]?.epochsDone ?? 0, { timeout: 30_000 })
		.toBeGreaterThan(0);

	// A pause saves where the run stopped, mid-epoch.
	const stepsAtPause = await pauseAndSave(page);

	const saved = await readSaved(page);
	expect(saved.summaries).toHaveLength(1);
	const [summary] = saved.summaries;
	const [run] = saved.runs;
	expect(summary.page).toBe('playground');
	expect(run.id).toBe(summary.id);
	expect(run.epochs.map((m) => m.epoch)).toEqual(
		Array.from({ length: run.position.epochsDone }, (_, i) => i + 1)
	);
	expect(run.lossSteps).toBe(stepsAtPause);
	expect(run.weights).toEqual([
		{ name: 'weights', shape: [784, 10], length: 7840 },
		{ name: 'bias', shape: [10], length: 10 }
	]);
	expect(run.history).toBeGreaterThan(1);
	console.log(
		`saved run: ${summary.bytes} bytes (${run.history} history moments, ${run.lossSteps} batch losses); origin storage ${saved.usage} bytes`
	);

	// A reload keeps it (and brings it back: restore.spec checks how exactly); after Reset, the
	// new run is saved beside it, not over it.
	await page.reload();
	await expect(page.getByTestId('restore-notice')).toBeVisible({ timeout: 60_000 });
	expect((await readSaved(page)).summaries.map((s) => s.id)).toEqual([summary.id]);
	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(page.getByTestId('step')).toHaveText('0');
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect
		.poll(async () => (await readSaved(page)).summaries.length, { timeout: 60_000 })
		.toBe(2);
	await page.getByRole('button', { name: 'Pause' }).click();
});
