/**
 * Which tfjs backend trains, and why. WebGL when there is a real GPU; when WebGL is only a
 * software rasteriser (SwiftShader, llvmpipe) the WASM backend measured about 3x faster on the
 * same CPU, so we take it; the plain CPU backend is the last resort. The reason is shown to the
 * learner. Runs in the worker (OffscreenCanvas), never on the main thread.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Served from our own origin: nothing is fetched from a CDN at run time.
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName, BackendPreference } from './config';
import type { BackendInfo } from './protocol';
import { enableWebglFastPaths } from './webgl/fastPaths';
import { sharedMemoryAvailable, withThreadPool, withThreadScript } from './wasmThreads';

export interface BackendOptions {
	/**
	 * Threads for the WASM backend when the worker is cross-origin isolated (default 1; the bench's
	 * --threads asks for more); ignored without isolation, where WASM has one.
	 */
	wasmThreads?: number;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

interface WebglProbe {
	version: 1 | 2;
	renderer: string;
}

/** Looks at WebGL without starting tfjs on it: which version, and whose renderer. */
export function probeWebgl(): WebglProbe | null {
	if (typeof OffscreenCanvas === 'undefined') return null;
	for (const version of [2, 1] as const) {
		try {
			const canvas = new OffscreenCanvas(1, 1);
			const gl = canvas.getContext(
				version === 2 ? 'webgl2' : 'webgl'
			) as WebGLRenderingContext | null;
			if (!gl) continue;
			const debug = gl.getExtension('WEBGL_debug_renderer_info');
			const renderer = String(
				gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown renderer'
			);
			gl.getExtension('WEBGL_lose_context')?.loseContext();
			return { version, renderer };
		} catch {
			// try the next version
		}
	}
	return null;
}

/** The software rasteriser's name ("SwiftShader"), or null for a real GPU. */
export function softwareRendererName(renderer: string): string | null {
	return SOFTWARE_RENDERER.exec(renderer)?.[0] ?? null;
}

async function start(name: BackendName, options: BackendOptions): Promise<boolean> {
	const started = async () => {
		if (!(await tf.setBackend(name))) return false;
		await tf.ready();
		return tf.getBackend() === name;
	};
	try {
		if (name !== 'wasm') return await started();
		setWasmPaths({
			'tfjs-backend-wasm.wasm': wasmPlainUrl,
			'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
			'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl
		});
		const threads = options.wasmThreads ?? 1;
		if (!sharedMemoryAvailable() || threads <= 1) {
			// One thread unless asked (the bench's --threads): tfjs's thread workers fetch their
			// script past the service worker, so a threaded site would not work offline, and two
			// threads on two cores measured no clear gain here (issue 12's closing note).
			tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
			return await started();
		}
		setThreadsCount(threads);
		return await withThreadScript(() => withThreadPool(threads, started));
	} catch {
		return false;
	}
}

async function label(name: BackendName, probe: WebglProbe | null): Promise<string> {
	if (name === 'webgl')
		return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}: ${probe?.renderer ?? 'unknown renderer'}`;
	if (name === 'wasm') {
		const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
		const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
		const threads = threaded ? getThreadsCount() : 1;
		// "WASM (SIMD)" without cross-origin isolation; "WASM (SIMD, 2 threads)" with it.
		const features = [...(simd ? ['SIMD'] : []), ...(threaded ? [plural(threads, 'thread')] : [])];
		return features.length > 0 ? `WASM (${features.join(', ')})` : 'WASM';
	}
	return 'CPU (plain JavaScript)';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Starts the first backend that works, in the order the preference implies. */
export async function selectBackend(
	preference: BackendPreference,
	options: BackendOptions = {}
): Promise<BackendInfo> {
	const probe = probeWebgl();
	const candidates: [BackendName, string][] = [];
	if (preference !== 'auto') {
		candidates.push([preference, `forced by ?backend=${preference}`]);
		const fallbackReason = `?backend=${preference} was asked for but could not start here`;
		if (preference === 'webgl') candidates.push(['wasm', fallbackReason]);
		if (preference !== 'cpu') candidates.push(['cpu', fallbackReason]);
	} else if (probe && !softwareRendererName(probe.renderer)) {
		candidates.push(['webgl', 'a GPU is available']);
		candidates.push(['wasm', 'WebGL failed to start']);
		candidates.push(['cpu', 'neither WebGL nor WASM could start']);
	} else {
		candidates.push([
			'wasm',
			probe
				? `WebGL here is software-only (${softwareRendererName(probe.renderer)}), and WASM is faster on a CPU`
				: 'no GPU found (WebGL is not available)'
		]);
		candidates.push(['cpu', 'WASM could not start']);
	}
	for (const [name, reason] of candidates) {
		if (!(await start(name, options))) continue;
		const fastPaths = name === 'webgl' ? await enableWebglFastPaths() : undefined;
		return { name, label: await label(name, probe), reason, ...(fastPaths && { fastPaths }) };
	}
	throw new Error('no TensorFlow.js backend could start in this browser');
}
