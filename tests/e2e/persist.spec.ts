import { expect, test, type Page } from '@playwright/test';
import { openPlayground } from './helpers';

/**
 * Runs are saved in the browser's IndexedDB at each epoch's end and on pause (restoring them is
 * the next step, with the engine's help). Read back here with the raw IndexedDB API.
 */
interface Saved {
	summaries: { id: string; page: string; epochsDone: number; stepsDone: number; bytes: number }[];
	runs: {
		id: string;
		position: { epochsDone: number; stepsDone: number };
		epochs: { epoch: number }[];
		lossSteps: number;
		weights: { name: string; shape: number[]; length: number }[];
		history: number;
	}[];
	usage: number;
}

function readSaved(page: Page): Promise<Saved> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('digit-lab');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = (store: string) =>
			new Promise<unknown[]>((resolve) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
			});
		const summaries = (await all('summaries')) as Saved['summaries'];
		const runs = ((await all('runs')) as Record<string, never>[]).map((r) => ({
			id: r.id,
			position: r.position,
			epochs: r.epochs,
			lossSteps: (r.lossSteps as Float64Array).length,
			weights: (r.weights as { name: string; shape: number[]; values: Float32Array }[]).map(
				(w) => ({ name: w.name, shape: w.shape, length: w.values.length })
			),
			history: (r.history as unknown[]).length
		}));
		db.close();
		return { summaries, runs, usage: (await navigator.storage.estimate()).usage ?? 0 };
	});
}

test('each epoch and a pause are saved in IndexedDB, and the save outlives a reload', async ({
	page
}) => {
	await openPlayground(page, 'subset=2000&epochs=50&batch=32');
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
	await expect
		.poll(async () => (await readSaved(page)).summaries[0]?.epochsDone ?? 0, { timeout: 30_000 })
		.toBeGreaterThan(0);

	// A pause saves where the run stopped, mid-epoch.
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByTestId('run-status')).toHaveText('paused');
	const stepsAtPause = Number(await page.getByTestId('step').textContent());
	await expect
		.poll(async () => (await readSaved(page)).runs[0]?.position.stepsDone, { timeout: 30_000 })
		.toBe(stepsAtPause);

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

	// A reload keeps it; a fresh run is saved beside it, not over it.
	await page.reload();
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({
		timeout: 60_000
	});
	expect((await readSaved(page)).summaries.map((s) => s.id)).toEqual([summary.id]);
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
	await expect.poll(async () => (await readSaved(page)).summaries.length).toBe(2);
	await page.getByRole('button', { name: 'Pause' }).click();
});
