/**
 * The service worker's decisions, as pure functions tested in node: which caches exist and what
 * goes in each, which requests are data, whether a downloaded data file is whole (a partial or
 * broken download must never be kept), and the headers that make every page it serves
 * cross-origin isolated (what coi-serviceworker does for hosts that cannot send them).
 */
import { decodeMnistFile } from '../data/mnist';
import { MNIST_FILES, MNIST_SERVED_DIR, servedName, type MnistFileSpec } from '../data/mnistFiles';

/** Same-origin isolation: SharedArrayBuffer (threaded WASM) needs both, on every document. */
export const ISOLATION = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin'
} as const;

/** The app's files change with every build; its cache is named after the build. */
export function appCacheName(version: string): string {
	return `digit-lab-app-${version}`;
}

/**
 * The data never changes between builds (the same four checked files): its cache is named after
 * their checksums, so a new deploy keeps the 11 MB already downloaded unless the data changed.
 */
export function dataCacheName(files: readonly MnistFileSpec[] = MNIST_FILES): string {
	return `digit-lab-data-${files.map((f) => f.sha256.slice(0, 8)).join('')}`;
}

/** The served data files' paths under `base` ('' or '/digit-lab'). */
export function dataPaths(base: string): string[] {
	return MNIST_FILES.map((spec) => `${base}/${MNIST_SERVED_DIR}/${servedName(spec)}`);
}

/** The spec of the data file a path names, or null for any other path. */
export function dataSpecFor(pathname: string, base: string): MnistFileSpec | null {
	return MNIST_FILES.find((spec, i) => dataPaths(base)[i] === pathname) ?? null;
}

/**
 * The files the worker bundle loads by URL at run time (tfjs's .wasm binaries), which the build's
 * file list does not name: found in the worker script as `new URL("assets/x.wasm", import.meta.url)`.
 */
export function wasmReferences(scriptText: string, scriptUrl: string): string[] {
	const found = new Set<string>();
	const pattern = /new URL\(\s*["'`]([^"'`]+\.wasm)["'`]\s*,\s*import\.meta\.url\s*\)/g;
	for (const match of scriptText.matchAll(pattern)) {
		found.add(new URL(match[1], scriptUrl).pathname);
	}
	return [...found];
}

/**
 * Whether `bytes` are an intact copy of the file, checked exactly as the page checks it (gunzip,
 * IDX structure, SHA-256): a cut download, a truncated, corrupted or foreign file is never kept,
 * so Retry can fetch a good copy instead of meeting the bad one in the cache.
 */
export async function isIntactDataFile(bytes: Uint8Array, spec: MnistFileSpec): Promise<boolean> {
	try {
		await decodeMnistFile(bytes, spec);
		return true;
	} catch {
		return false;
	}
}

/** The same response with the isolation headers added (opaque and redirect answers pass as they are). */
export function withIsolation(response: Response): Response {
	if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) {
		return response;
	}
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/** What an unsaved page says offline: plain words and the ways back (the site's pages are saved). */
export function offlinePage(base: string): string {
	const link = (path: string, text: string) => `<a href="${base}${path}">${text}</a>`;
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Digit Lab</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5"><h1>You are offline</h1><p>This address is not one of Digit Lab's pages, so it was not saved for offline use. Every page of the site was: choose one.</p><p>${link('/', 'Home')} · ${link('/lesson/data', 'The lesson')} · ${link('/playground', 'The playground')}</p></body></html>`;
}
