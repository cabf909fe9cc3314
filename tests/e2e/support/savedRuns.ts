/**
 * The runs a page saved in IndexedDB, read back in the page with the raw API (for the save and
 * restore specs): summaries and the records' shapes, not their numbers.
 */
import { expect, type Page } from '@playwright/test';

export interface SavedRuns {
	summaries: { id: string; page: string; epochsDone: number; stepsDone: number; bytes: number }[];
	runs: {
		id: string;
		page: string;
		checksum: string;
		position: { epochsDone: number; batchInEpoch: number; stepsDone: number };
		epochs: { epoch: number; validAccuracy: number }[];
		lossSteps: number;
		weights: { name: string; shape: number[]; length: number }[];
		history: number;
		lesson: unknown;
	}[];
	/** The whole site's storage as the browser counts it (cached files included). */
	usage: number;
}

export function readSaved(page: Page): Promise<SavedRuns> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('digit-lab');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = (store: string) =>
			new Promise<unknown[]>((resolve) => {
				if (!db.objectStoreNames.contains(store)) return resolve([]);
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result);
			});
		const summaries = (await all('summaries')) as SavedRuns['summaries'];
		const runs = ((await all('runs')) as Record<string, never>[]).map((r) => ({
			id: r.id,
			page: r.page,
			checksum: r.checksum,
			position: r.position,
			epochs: r.epochs,
			lossSteps: (r.lossSteps as Float64Array).length,
			weights: (r.weights as { name: string; shape: number[]; values: Float32Array }[]).map(
				(w) => ({ name: w.name, shape: w.shape, length: w.values.length })
			),
			history: (r.history as unknown[]).length,
			lesson: r.lesson
		}));
		db.close();
		return { summaries, runs, usage: (await navigator.storage.estimate()).usage ?? 0 };
	});
}

/** The checksum of the page's live weights, as its share link carries it (`sum=`). */
export async function liveChecksum(page: Page): Promise<string | null> {
	if ((await page.getByTestId('share-panel').count()) === 0) {
		await page.getByTestId('share-button').click();
	}
	const link = await page.getByTestId('share-url').inputValue();
	await page.getByTestId('share-button').click();
	return new URL(link).searchParams.get('sum');
}

/** Presses Pause and waits until the pause is saved; resolves to the batches trained. */
export async function pauseAndSave(page: Page): Promise<number> {
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByTestId('run-status')).toHaveText('paused');
	const steps = Number(await page.getByTestId('step').textContent());
	await expect
		.poll(async () => (await readSaved(page)).runs[0]?.position.stepsDone, { timeout: 30_000 })
		.toBe(steps);
	return steps;
}
