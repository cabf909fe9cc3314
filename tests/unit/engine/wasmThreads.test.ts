import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	MAX_WASM_THREADS,
	sharedMemoryAvailable,
	wantedThreads,
	withThreadScript
} from '$lib/engine/wasmThreads';

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('WASM threads', () => {
	it('asks for one thread per processor, between 1 and MAX_WASM_THREADS', () => {
		expect(wantedThreads(2)).toBe(2);
		expect(wantedThreads(1)).toBe(1);
		expect(wantedThreads(0)).toBe(1);
		expect(wantedThreads(64)).toBe(MAX_WASM_THREADS);
	});

	it('shares memory only when cross-origin isolated', () => {
		vi.stubGlobal('crossOriginIsolated', false);
		expect(sharedMemoryAvailable()).toBe(false);
		vi.stubGlobal('crossOriginIsolated', true);
		expect(sharedMemoryAvailable()).toBe(true);
	});

	it('while the backend starts, hands thread workers a script that loads the unminified factory', async () => {
		vi.stubGlobal('location', { href: 'https://digits.example/_app/immutable/workers/engine.js' });
		const Original = globalThis.Blob;
		const texts = await withThreadScript(async () => {
			// What tfjs 4.22 builds for its thread workers, and an unrelated Blob.
			const factory = new Blob(['var WasmBackendModuleThreadedSimd = function(e){return e}']);
			const other = new Blob(['hello']);
			return Promise.all([factory.text(), other.text()]);
		});
		expect(texts[0]).toMatch(
			/^importScripts\("https:\/\/digits\.example\/.*tfjs-backend-wasm-threaded-simd\.js"\);$/
		);
		expect(texts[1]).toBe('hello');
		// Blob is itself again afterwards.
		expect(globalThis.Blob).toBe(Original);
	});
});
