/**
 * Threads for the WASM backend. tfjs-backend-wasm's threaded SIMD build shares its memory
 * between workers (SharedArrayBuffer), which a browser allows only on a cross-origin isolated
 * page (COOP and COEP headers) and its workers; without isolation tfjs takes the
 * single-threaded SIMD build by itself. Worker-only: reads the worker's navigator.
 */
// The package's own script, unminified, served from our origin for the thread workers.
import threadedScript from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

/** More threads than this buys nothing for products of a 256-digit batch. */
export const MAX_WASM_THREADS = 4;

/** Whether this worker may share memory with others (it is cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
	return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined';
}

/** One thread per logical processor the browser reports, at most MAX_WASM_THREADS. */
export function wantedThreads(processors: number = navigator.hardwareConcurrency || 1): number {
	return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(processors)));
}

/**
 * Runs `start` (which starts the WASM backend) so that its thread pool gets `threads` threads.
 * tfjs-backend-wasm 4.22 caps the pool at hardwareConcurrency / 2, assuming two hardware
 * threads per core, whatever setThreadsCount asks: on a 2-core machine, 1 thread. While the
 * module starts, the worker's navigator reports 2 x `threads` processors; the real value comes
 * back as soon as it has started.
 */
export async function withThreadPool<T>(threads: number, start: () => Promise<T>): Promise<T> {
	const reported = 2 * threads;
	if (reported <= navigator.hardwareConcurrency) return start();
	Object.defineProperty(navigator, 'hardwareConcurrency', { value: reported, configurable: true });
	try {
		return await start();
	} finally {
		// The own property shadowed the prototype's getter: removing it restores the real count.
		delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
	}
}

/** How tfjs 4.22 begins the script it hands each thread worker (see withThreadScript). */
const FACTORY_SOURCE_PREFIX = 'var WasmBackendModuleThreadedSimd = ';

/**
 * Runs `start` (which starts the threaded WASM backend) so that its thread workers can start.
 * tfjs gives each thread worker a Blob holding the threaded factory's source text,
 * `var WasmBackendModuleThreadedSimd = ` + factory.toString(). Minified by our bundler, that
 * text uses a variable of the closure it was cut from (emscripten's _scriptDir, renamed), which
 * the worker does not have: every thread fails with "e is not defined". While the backend
 * starts, such a Blob becomes one that loads the package's own unminified script instead, which
 * defines the same factory.
 */
export async function withThreadScript<T>(start: () => Promise<T>): Promise<T> {
	const Original = globalThis.Blob;
	const script = new URL(threadedScript, globalThis.location.href).href;
	globalThis.Blob = class extends Original {
		constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
			const first = parts?.[0];
			const factory = typeof first === 'string' && first.startsWith(FACTORY_SOURCE_PREFIX);
			super(factory ? [`importScripts(${JSON.stringify(script)});`] : parts, options);
		}
	};
	try {
		return await start();
	} finally {
		globalThis.Blob = Original;
	}
}
