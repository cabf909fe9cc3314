/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Digit Lab offline. On install it keeps the whole built site: the app's files, every
 * prerendered page and its data (so a lesson step never visited still opens), and the worker's
 * .wasm files, in a cache named after the build, so a new deploy replaces it. The MNIST files
 * (11 MB) go in a cache of their own, named after their checksums, when the page asks
 * ('keep-data', sent once its own download is over, so they are not fetched twice) or when
 * the page fetches them through us; only intact copies are kept. Files are served cache-first,
 * and every answer gets the cross-origin isolation headers, which static hosts cannot send.
 */
import { base, build, files, prerendered, version } from '$service-worker';
import {
	appCacheName,
	dataCacheName,
	dataPaths,
	dataSpecFor,
	isIntactDataFile,
	offlinePage,
	wasmReferences,
	withIsolation
} from '$lib/offline/cachePlan';
import type { OfflineReply } from '$lib/offline/messages';

const sw = self as unknown as ServiceWorkerGlobalScope;
const APP = appCacheName(version);
const DATA = dataCacheName();
const DATA_PATHS = dataPaths(base);
const APP_FILES = [...build, ...files.filter((f) => !DATA_PATHS.includes(f)), ...prerendered];
/** Data files being fetched into the cache, so a page asking meanwhile waits instead of fetching twice. */
const keeping = new Map<string, Promise<boolean>>();

async function keepApp(): Promise<void> {
	const cache = await caches.open(APP);
	await cache.addAll(APP_FILES);
	const wasm = new Set<string>();
	for (const script of build.filter((f) => /\/workers\/[^/]+\.js$/.test(f))) {
		const text = await (await cache.match(script))?.text();
		for (const path of wasmReferences(text ?? '', new URL(script, location.href).href)) {
			wasm.add(path);
		}
	}
	await cache.addAll([...wasm]);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(keepApp().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== APP && key !== DATA) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

/** Fetches one data file and keeps it if it is intact; true when the cache then holds it. */
function keepData(path: string, response?: Promise<Response>): Promise<boolean> {
	const spec = dataSpecFor(path, base);
	if (!spec) return Promise.resolve(false);
	const running = keeping.get(path);
	if (running) return running;
	const work = (async () => {
		const cache = await caches.open(DATA);
		if (await cache.match(path)) return true;
		const answer = await (response ?? fetch(path));
		if (answer.status !== 200) return false;
		const bytes = new Uint8Array(await answer.arrayBuffer());
		if (!(await isIntactDataFile(bytes, spec))) return false;
		const headers = {
			'Content-Type': 'application/octet-stream',
			'Content-Length': `${bytes.length}`
		};
		await cache.put(path, new Response(bytes, { headers }));
		return true;
	})()
		.catch(() => false)
		.finally(() => keeping.delete(path));
	keeping.set(path, work);
	return work;
}

async function dataAnswer(event: FetchEvent, path: string): Promise<Response> {
	await keeping.get(path);
	const cached = await caches.match(path, { cacheName: DATA });
	if (cached) return withIsolation(cached);
	const response = await fetch(event.request);
	// The page reads its copy as it arrives (its progress bar moves); ours is checked, then kept.
	if (response.status === 200) event.waitUntil(keepData(path, Promise.resolve(response.clone())));
	return withIsolation(response);
}

async function appAnswer(request: Request, url: URL): Promise<Response> {
	const cached = await caches.match(url.pathname, { cacheName: APP, ignoreSearch: true });
	if (cached) return withIsolation(cached);
	try {
		const response = await fetch(request);
		// Hashed files never change: keep any the install did not know of.
		if (response.status === 200 && url.pathname.startsWith(`${base}/_app/immutable/`)) {
			const cache = await caches.open(APP);
			await cache.put(url.pathname, response.clone());
		}
		return withIsolation(response);
	} catch (error) {
		if (request.mode !== 'navigate') throw error;
		return withIsolation(
			new Response(offlinePage(base), {
				status: 503,
				headers: { 'Content-Type': 'text/html; charset=utf-8' }
			})
		);
	}
}

sw.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'GET' || url.origin !== location.origin) return;
	if (DATA_PATHS.includes(url.pathname)) event.respondWith(dataAnswer(event, url.pathname));
	else event.respondWith(appAnswer(event.request, url));
});

/** 'keep-data': keep the data files; answers whether the whole site is now available offline. */
sw.addEventListener('message', (event) => {
	if (event.data?.type !== 'keep-data') return;
	const client = event.source as Client | null;
	event.waitUntil(
		Promise.all(DATA_PATHS.map((path) => keepData(path))).then((kept) => {
			const reply: OfflineReply = kept.every(Boolean)
				? { type: 'offline-ready', version }
				: { type: 'offline-incomplete', missing: DATA_PATHS.filter((_, i) => !kept[i]) };
			client?.postMessage(reply);
		})
	);
});
