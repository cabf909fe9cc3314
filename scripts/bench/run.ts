/**
 * npm run bench: serves the built site, opens /bench?run=1 in headless Chromium and waits while
 * the page's bench workers train one epoch per model and backend (our loop vs model.fit). Prints
 * a table and writes bench-results/bench.json.
 *
 *   npm run bench -- --backends=wasm,cpu --models=linear
 *   npm run bench -- --pair=wasm     (backend of the one-vs-two-runs part; 0 skips it)
 *   npm run bench -- --reference=scripts/bench/pytorch-reference.json
 *                                    (prints the notebook's PyTorch epoch times beside ours)
 *   npm run bench -- --threads=1     (WASM threads, when the server sends COOP/COEP headers)
 *   npx tsx scripts/bench/cpu.ts     (an epoch in node, wall clock and CPU time: see there)
 *   npm run bench -- --profile=1     (also our step kernel by kernel)
 *   BENCH_PORT=4252 npm run bench    (the preview server's port; default 4174)
 *
 * BENCH_BASE_URL=http://localhost:5173 npx tsx scripts/bench/run.ts --backends=none runs it
 * against a server that is already up (e.g. the dev server), here only the two-runs part.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import type { BenchReport } from '../../src/lib/bench/protocol';
import { startPreview } from '../lib/preview';
import { PhaseCpuMeter } from './browserCpu';
import { parseReference } from './reference';
import { formatReport } from './table';

/** The preview server's port: BENCH_PORT, else 4174 (apart from npm start's 4173). */
const PORT = Number(process.env.BENCH_PORT ?? 4174);
const TIMEOUT_MS = 20 * 60_000;
const OUT_DIR = 'bench-results';

/** The page's query from the page's flags, and the reference file's path if one is given. */
function parseArgs(argv: string[]): { query: string; referenceFile: string | null } {
	const params = new URLSearchParams({ run: '1' });
	let referenceFile: string | null = null;
	for (const arg of argv) {
		const match = /^--(backends|models|pair|threads|profile|reference)=(.+)$/.exec(arg);
		if (!match) {
			throw new Error(
				`unknown argument ${arg} (use --backends=a,b --models=a,b --pair=auto --threads=N --profile=1 --reference=FILE)`
			);
		}
		if (match[1] === 'reference') referenceFile = match[2];
		else params.set(match[1], match[2]);
	}
	return { query: params.toString(), referenceFile };
}

async function main(): Promise<void> {
	const { query, referenceFile } = parseArgs(process.argv.slice(2));
	// Read before the long run, so that a bad file fails at once.
	const reference = referenceFile
		? parseReference(await readFile(referenceFile, 'utf8'), referenceFile)
		: undefined;
	const external = process.env.BENCH_BASE_URL;
	const server = external
		? { url: external.replace(/\/?$/, '/'), stop: () => {} }
		: await startPreview(PORT);
	const stopOnSignal = () => {
		server.stop();
		process.exit(130);
	};
	process.once('SIGINT', stopOnSignal);
	process.once('SIGTERM', stopOnSignal);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--disable-quic', '--disable-background-networking', '--disable-component-update']
	});
	try {
		const page = await browser.newPage();
		// Against a dev server, its HMR socket would reload the page (and restart the benchmark)
		// whenever a source file changes: answer it with a silent stand-in.
		await page.routeWebSocket(/\/\?token=/, () => {});
		const cpu = new PhaseCpuMeter();
		page.on('console', (message) => {
			if (!message.text().startsWith('[bench]')) return;
			cpu.line(message.text());
			console.log(message.text());
		});
		page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
		await page.goto(new URL(`bench?${query}`, server.url).href);
		await page.waitForFunction(() => window.__bench?.done === true, undefined, {
			timeout: TIMEOUT_MS,
			polling: 500
		});
		const report = (await page.evaluate(() => window.__bench)) as BenchReport;
		if (reference) report.reference = reference;
		console.log(`\n${formatReport(report)}`);
		const cpuTable = cpu.format();
		if (cpuTable) console.log(`\n${cpuTable}`);
		await mkdir(OUT_DIR, { recursive: true });
		const saved = { ...report, browserCpu: cpu.phases };
		await writeFile(`${OUT_DIR}/bench.json`, `${JSON.stringify(saved, null, 2)}\n`);
		console.log(`\nwritten: ${OUT_DIR}/bench.json`);
		if (report.results.length === 0) process.exitCode = 1;
	} finally {
		await browser.close();
		server.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
