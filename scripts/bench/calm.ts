/**
 * npm run bench:calm: the figures of "offline, resumable and calm under faults", measured in
 * headless Chromium against the built site (vite preview):
 * - a saved run: bytes in IndexedDB per run (linear and mlp), and the time from a reload to the
 *   run being back (the restore notice shown, and the page's own count from its start);
 * - batches of one digit for two minutes: the page's click answer time at the start and at the
 *   end, Pause's, and the page's JavaScript heap.
 * Prints the figures and writes bench-results/calm.json.
 *
 *   CALM_PORT=4176 CALM_RUN_SECONDS=120 npm run bench:calm
 *   BENCH_BASE_URL=http://localhost:4173 npx tsx scripts/bench/calm.ts   (a server already up)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { readSaved } from '../../tests/e2e/support/savedRuns';
import { clickAnswerMs, jsHeapBytes, PLAYGROUND } from '../lib/answerTime';
import { startPreview } from '../lib/preview';

const PORT = Number(process.env.CALM_PORT ?? 4176);
const RUN_MS = Number(process.env.CALM_RUN_SECONDS ?? 120) * 1000;
const OUT_DIR = 'bench-results';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, what: string, ms = 120_000) {
	const until = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
		await pause(100);
	}
}

const text = async (page: Page, testid: string) =>
	(await page.getByTestId(testid).textContent())?.trim() ?? '';

/**
 * A fresh page without a service worker. tsx compiles this file keeping function names, which
 * wraps the functions handed to page.evaluate in a __name helper the page lacks: give it one.
 */
async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
	return context.newPage();
}

async function openPlayground(page: Page, base: string, query: string): Promise<void> {
	await page.goto(new URL(`playground?${query}`, base).href);
	await page
		.getByRole('button', { name: 'Train', exact: true })
		.and(page.locator(':enabled'))
		.waitFor({ timeout: 120_000 });
}

/** Trains `epochs` epochs, pauses, waits for the save, reloads and times the restore. */
async function savedRun(browser: Browser, base: string, recipe: string, epochs: number) {
	const page = await newPage(browser);
	await openPlayground(page, base, recipe);
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await waitFor(async () => Number(await text(page, 'epoch')) >= epochs, 'the epochs');
	await page.getByRole('button', { name: 'Pause' }).click();
	await waitFor(async () => (await text(page, 'run-status')) === 'paused', 'the pause');
	const steps = Number(await text(page, 'step'));
	await waitFor(
		async () => (await readSaved(page)).runs[0]?.position.stepsDone === steps,
		'the save'
	);
	const saved = await readSaved(page);
	const reloaded = Date.now();
	await page.reload();
	const notice = page.getByTestId('restore-notice');
	await notice.waitFor({ timeout: 120_000 });
	const wallMs = Date.now() - reloaded;
	const pageMs = Number(await notice.getAttribute('data-took-ms'));
	await page.context().close();
	return {
		recipe,
		epochs: saved.runs[0].position.epochsDone,
		bytes: saved.summaries[0].bytes,
		historyMoments: saved.runs[0].history,
		restoreAfterReloadMs: wallMs,
		restoreFromPageStartMs: pageMs
	};
}

/** Batch 1 for RUN_MS: answer times, Pause, heap. */
async function longRun(browser: Browser, base: string) {
	const page = await newPage(browser);
	await openPlayground(page, base, 'batch=1&epochs=200');
	const openShare = () =>
		clickAnswerMs(page, PLAYGROUND.share, { selector: PLAYGROUND.sharePanel });
	const closeShare = () =>
		clickAnswerMs(page, PLAYGROUND.share, { selector: PLAYGROUND.sharePanel, present: false });
	const heapBefore = await jsHeapBytes(page);
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await waitFor(async () => Number(await text(page, 'step')) > 0, 'the first batch');
	const start = [await openShare(), await closeShare()];
	const started = Date.now();
	await waitFor(async () => Date.now() - started >= RUN_MS, 'the run', RUN_MS + 60_000);
	const end = [await openShare(), await closeShare()];
	const heapAfter = await jsHeapBytes(page);
	const pauseMs = await clickAnswerMs(page, PLAYGROUND.pause, {
		selector: PLAYGROUND.status,
		text: 'paused'
	});
	const batches = Number(await text(page, 'step'));
	await page.context().close();
	return {
		seconds: RUN_MS / 1000,
		batches,
		clickAnswerStartMs: start.map(Math.round),
		clickAnswerEndMs: end.map(Math.round),
		pauseMs: Math.round(pauseMs),
		jsHeapBeforeMB: +(heapBefore / 1e6).toFixed(1),
		jsHeapAfterMB: +(heapAfter / 1e6).toFixed(1)
	};
}

async function main(): Promise<void> {
	const external = process.env.BENCH_BASE_URL;
	const server = external
		? { url: external.replace(/\/?$/, '/'), stop: () => {} }
		: await startPreview(PORT);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--disable-quic', '--disable-background-networking', '--disable-component-update']
	});
	try {
		const saved = [
			await savedRun(browser, server.url, 'subset=2000&epochs=50&batch=32', 2),
			await savedRun(browser, server.url, 'model=mlp&subset=2000&epochs=50&batch=32', 2)
		];
		for (const s of saved) {
			console.log(
				`saved run ${s.recipe}: ${(s.bytes / 1e6).toFixed(2)} MB (${s.epochs} epochs, ${s.historyMoments} history moments); back ${s.restoreAfterReloadMs} ms after the reload (${s.restoreFromPageStartMs} ms from the page's start)`
			);
		}
		const long = await longRun(browser, server.url);
		console.log(
			`batch 1 for ${long.seconds} s (${long.batches} batches): click answered in ${long.clickAnswerStartMs.join(' / ')} ms at the start, ${long.clickAnswerEndMs.join(' / ')} ms at the end; Pause ${long.pauseMs} ms; JS heap ${long.jsHeapBeforeMB} MB before, ${long.jsHeapAfterMB} MB after`
		);
		await mkdir(OUT_DIR, { recursive: true });
		await writeFile(`${OUT_DIR}/calm.json`, JSON.stringify({ saved, long }, null, '\t') + '\n');
	} finally {
		await browser.close();
		server.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
