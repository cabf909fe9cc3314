/** Sums and prints what scripts/audit/load.ts measured per page. Pure, so node tests it. */

export interface LoadedAsset {
	/** The file's path in build/, e.g. _app/immutable/chunks/abc.js */
	file: string;
	/** The page's own scripts, its stylesheets, or a web worker's script (tfjs: off the main thread). */
	kind: 'js' | 'css' | 'worker';
	/** Bytes as built, and gzipped (about what a compressing host sends). */
	raw: number;
	gzip: number;
}

interface Total {
	files: number;
	raw: number;
	gzip: number;
}

export type AssetTotals = Record<LoadedAsset['kind'], Total>;

/** A main-thread task over 50 ms while the page loaded. */
export interface LongTask {
	/** Milliseconds. */
	duration: number;
	/**
	 * Started before the first contentful paint: the browser parsing and laying out the
	 * prerendered page, before any of the app's modules are fetched (deferModules.ts).
	 */
	beforePaint: boolean;
}

export interface PageLoad extends AssetTotals {
	path: string;
	longTasks: LongTask[];
}

/** Each file once (a page may ask for one twice: a modulepreload, then its import). */
export function sumAssets(assets: LoadedAsset[]): AssetTotals {
	const zero = (): Total => ({ files: 0, raw: 0, gzip: 0 });
	const totals: AssetTotals = { js: zero(), css: zero(), worker: zero() };
	const seen = new Set<string>();
	for (const asset of assets) {
		if (seen.has(asset.file)) continue;
		seen.add(asset.file);
		const total = totals[asset.kind];
		total.files += 1;
		total.raw += asset.raw;
		total.gzip += asset.gzip;
	}
	return totals;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const taskCell = (task: LongTask) =>
	`${Math.round(task.duration)} ms${task.beforePaint ? ' before paint' : ''}`;

export function formatLoadTable(results: PageLoad[]): string {
	const header = [
		'page',
		'JS files',
		'JS kB',
		'JS kB gz',
		'CSS kB gz',
		'worker kB gz',
		'tasks > 50 ms'
	];
	const rows = results.map((r) => [
		r.path,
		String(r.js.files),
		kb(r.js.raw),
		kb(r.js.gzip),
		kb(r.css.gzip),
		kb(r.worker.gzip),
		r.longTasks.length === 0 ? 'none' : r.longTasks.map(taskCell).join(', ')
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(header), ...rows.map(line)].join('\n');
}

/** The part of vite's build manifest this needs: each chunk's file and static imports. */
export type Manifest = Record<string, { file: string; imports?: string[] }>;

/** The files `roots` load before they run: themselves and their static imports, transitively. */
export function staticClosure(manifest: Manifest, roots: string[]): string[] {
	const files = new Set<string>();
	const visit = (key: string) => {
		const chunk = manifest[key];
		if (!chunk || files.has(chunk.file)) return;
		files.add(chunk.file);
		for (const imported of chunk.imports ?? []) visit(imported);
	};
	roots.forEach(visit);
	return [...files];
}
