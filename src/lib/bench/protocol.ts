/**
 * The benchmark page <-> bench worker contract. One worker per backend: the page sends one
 * `run` request; the worker answers with events and ends with `done` (or `unavailable`/`error`).
 * The page re-exposes the finished report as `window.__bench` for scripts/bench/run.ts.
 */
import type { BackendName, ModelKind } from '../engine/config';

export const BENCH_BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];
export const BENCH_MODELS: readonly ModelKind[] = ['linear', 'mlp'];

/** The recipe both implementations share. */
export const BENCH_SETUP = { lr: 0.1, batchSize: 256, epochs: 1, hidden: 30 } as const;

/** How our loop's training time was measured: said in the printed output. */
export const OURS_TIMING =
	'ours = Run epoch seconds (trainBatch sum) minus a separately timed run.validate() over the 10k test digits';

export type BenchRequest = {
	type: 'run';
	backend: BackendName;
	dataUrl: string;
	models: ModelKind[];
};

/** Which implementation is training right now: the page times long tasks per phase. */
export type BenchImpl = 'ours' | 'fit';

export interface ModelResult {
	model: ModelKind;
	backend: BackendName;
	trainCount: number;
	ours: {
		/** Training only: epoch seconds minus the separately timed validation. */
		trainSeconds: number;
		/** EpochMetrics.seconds as Run reports it (training + validation). */
		epochSeconds: number;
		validateSeconds: number;
		examplesPerSecond: number;
		trainLoss: number;
		accuracy: number;
	};
	fit: {
		seconds: number;
		examplesPerSecond: number;
		trainLoss: number;
	};
	/** ours / fit examples per second: above 1 means our loop is faster. */
	ratio: number;
	/** tf.memory().numTensors after minus before (0 means nothing leaked). */
	leakedTensors: number;
}

export type BenchEvent =
	| { type: 'backend'; backend: BackendName; label: string }
	| { type: 'unavailable'; backend: BackendName; reason: string }
	| { type: 'progress'; message: string }
	| { type: 'phase'; impl: BenchImpl; model: ModelKind; state: 'start' | 'end' }
	| { type: 'result'; result: ModelResult }
	| { type: 'done' }
	| { type: 'error'; message: string };

export interface BackendReport {
	backend: BackendName;
	status: 'ok' | 'unavailable' | 'error';
	label?: string;
	message?: string;
}

/** The main thread's longest task (PerformanceObserver 'longtask', >= 50 ms) in one phase. */
export interface LongTaskReport {
	backend: BackendName;
	model: ModelKind;
	impl: BenchImpl;
	longestMs: number;
	count: number;
}

export interface BenchReport {
	done: boolean;
	startedAt: string;
	userAgent: string;
	timing: string;
	backends: BackendReport[];
	results: ModelResult[];
	longTasks: LongTaskReport[];
	/** Longest main-thread task over the whole benchmark, whatever was running. */
	longestTaskOverallMs: number;
	longTaskSupported: boolean;
}

export function assertNever(value: never): never {
	throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}
