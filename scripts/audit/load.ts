/**
 * What each page costs while it loads: the JavaScript and CSS it fetches (bytes as built and
 * gzipped) and the main-thread tasks over 50 ms, measured in headless Chromium against the built
 * site. Run it after `npm run build`:
 *
 *   npx tsx scripts/audit/load.ts                         every audited page
 *   npx tsx scripts/audit/load.ts --pages=/,/lesson/net   only these
 *   LOAD_PORT=4191 npx tsx scripts/audit/load.ts          the preview server's port (default 4176)
 *
 * A page counts as loaded when the network has been quiet for half a second after `load`; what
 * the page fetches later (a learner's click) is not counted. Long tasks depend on the machine's
 * load: say what it was (uptime) beside the figures. Last, the JS each route's own components
 * import statically (from vite's manifest), which covers the error page: a static host shows it
 * only after a client-side navigation fails, so no URL opens it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { ROOT } from '../lib/nodeData';
import { startPreview } from '../lib/preview';
import { auditedPages } from './pages';
import {
	formatLoadTable,
	staticClosure,
	sumAssets,
	type LoadedAsset,
	type LongTask,
	type Manifest,
	type PageLoad
} from './loadSummary';

const BUILD_DIR = path.join(ROOT, 'build');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const PORT = Number(process.env.LOAD_PORT ?? 4176);

/** Registered before any page script runs, so it sees every long task of the load. */
function watchLongTasks(): void {
	const w = window as unknown as { __longTasks: PerformanceEntry[] };
	w.__longTasks = [];
	new PerformanceObserver((list) => {
		w.__longTasks.push(...list.getEntries());
	}).observe({ type: 'longtask', buffered: true });
}

/** The page's long tasks, each said to start before or after its first contentful paint. */
function readLongTasks(): LongTask[] {
	const tasks = (window as unknown as { __longTasks: PerformanceEntry[] }).__longTasks;
	const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity;
	return tasks.map((t) => ({ duration: t.duration, beforePaint: t.startTime < paint }));
}

async function assetBytes(url: string, site: string): Promise<LoadedAsset | null> {
	if (!url.startsWith(site)) return null;
	const file = decodeURIComponent(new URL(url).pathname).replace(new URL(site).pathname, '');
	if (!/\.(js|css)$/.test(file)) return null;
	const bytes = await readFile(path.join(BUILD_DIR, file)).catch(() => null);
	if (!bytes) return null;
	const kind = file.endsWith('.css') ? 'css' : file.includes('/workers/') ? 'worker' : 'js';
	return { file, kind, raw: bytes.length, gzip: gzipSync(bytes).length };
}

const CLIENT_DIR = path.join(ROOT, '.svelte-kit/output/client');

/** For every route component: the bytes of its node's static closure plus the app's entry. */
async function routeClosures(): Promise<string> {
	const manifest = JSON.parse(
		await readFile(path.join(CLIENT_DIR, '.vite/manifest.json'), 'utf8')
	) as Manifest;
	const generated = '.svelte-kit/generated/client-optimized/';
	const entries = Object.keys(manifest).filter(
		(k) => k.startsWith(`${generated}app.js`) || k.endsWith('kit/src/runtime/client/entry.js')
	);
	const lines: string[] = [];
	for (const key of Object.keys(manifest).filter((k) => k.startsWith(`${generated}nodes/`))) {
		const source = await readFile(path.join(ROOT, key), 'utf8');
		const route = /src\/routes\/[^"']*/.exec(source)?.[0] ?? key;
		const files = staticClosure(manifest, [...entries, key]);
		const sizes = await Promise.all(
			files.map(async (f) => {
				const bytes = await readFile(path.join(CLIENT_DIR, f));
				return { raw: bytes.length, gzip: gzipSync(bytes).length };
			})
		);
		const raw = sizes.reduce((s, x) => s + x.raw, 0);
		const gzip = sizes.reduce((s, x) => s + x.gzip, 0);
		lines.push(`  ${route.padEnd(36)} ${files.length} files, ${kb(raw)} kB (${kb(gzip)} kB gz)`);
	}
	return lines.join('\n');
}

async function main(): Promise<void> {
	const only = process.argv
		.find((a) => a.startsWith('--pages='))
		?.slice('--pages='.length)
		.split(',');
	const pages = (await auditedPages(BUILD_DIR)).filter((p) => !only || only.includes(p));
	const server = await startPreview(PORT);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--disable-quic']
	});
	const results: PageLoad[] = [];
	try {
		for (const pagePath of pages) {
			const context = await browser.newContext({ serviceWorkers: 'block' });
			const page = await context.newPage();
			await page.addInitScript(watchLongTasks);
			const urls: string[] = [];
			page.on('request', (request) => urls.push(request.url()));
			await page.goto(new URL(pagePath.slice(1), server.url).href, { waitUntil: 'load' });
			await page.waitForLoadState('networkidle');
			const longTasks = await page.evaluate(readLongTasks);
			const assets = (await Promise.all(urls.map((u) => assetBytes(u, server.url)))).filter(
				(a): a is LoadedAsset => a !== null
			);
			results.push({ path: pagePath, ...sumAssets(assets), longTasks });
			await context.close();
		}
	} finally {
		await browser.close();
		server.stop();
	}
	console.log(formatLoadTable(results));
	console.log(`\nJS each route component imports statically (with the app's entry):`);
	console.log(await routeClosures());
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
