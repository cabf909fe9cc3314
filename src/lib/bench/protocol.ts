/**
 * The benchmark page <-> bench worker contract. One worker per backend: the page sends one
 * `run` request; the worker answers with events and ends with `done` (or `unavailable`/`error`).
 * The page re-exposes the finished report as `window.__bench` for scripts/bench/run.ts.
 */
import type { BackendName, BackendPreference, ModelKind, RunConfig } from '../engine/config';
import { MODEL_KINDS } from '../engine/models';

export const BENCH_BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];
export const BENCH_MODELS: readonly ModelKind[] = MODEL_KINDS;

/** The recipe both implementations share. */
export const BENCH_SETUP = { lr: 0.1, batchSize: 256, epochs: 1, hidden: 30 } as const;

/** Our engine's recipe for one benchmark epoch: shuffled, lr 0.1, batches of 256. */
export function benchRecipe(model: ModelKind, seed = 1, trainSubset = 0): RunConfig {
	const { lr, batchSize, epochs, hidden } = BENCH_SETUP;
	return {
		model,
		lr,
		batchSize,
		epochs,
		initStd: 0.01,
		hidden,
		order: 'shuffled',
		seed,
		accuracy: 'exact',
		trainSubset
	};
}

/** How our loop's training time was measured: said in the printed output. */
export const OURS_TIMING =
	'ours = Run epoch seconds (trainBatch sum) minus a separately timed run.validate() over the 10k test digits';

/** Our step's kernels by name (kernels.ts profileOurs), per step. */
export interface KernelProfile {
	model: ModelKind;
	steps: number;
	/** Wall-clock milliseconds per step, timed without the profiler. */
	stepMs: number;
	/** The kernels' own milliseconds per step, under the profiler. */
	kernelMs: number;
	rows: { name: string; calls: number; ms: number }[];
}

export type BenchRequest = {
	type: 'run';
	backend: BackendName;
	dataUrl: string;
	models: ModelKind[];
	/** WASM threads when the page is cross-origin isolated (default: one per processor). */
	threads?: number;
	/** Also profile our step kernel by kernel (kernels.ts profileOurs). */
	profile?: boolean;
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
	/** Backend kernels per training step (tf.profile over PROFILED_STEPS steps). */
	kernelsPerStep: { ours: number; fit: number };
	/** Our step kernel by kernel, when the bench was asked to profile. */
	profile?: KernelProfile;
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

/**
 * One or two runs training at once, each in its own engine worker (the playground's real path,
 * RunState -> EngineClient), with their live heatmaps painted on the page.
 */
export interface PairReport {
	model: ModelKind;
	/** The backend asked for ('auto': as the playground picks), and the one the engine started. */
	backend: BackendPreference;
	actualBackend: string;
	runs: 1 | 2;
	trainCount: number;
	/** Per run: wall-clock seconds of its epoch (training + validation), from the common start. */
	seconds: number[];
	examplesPerSecond: number[];
	accuracy: number[];
	/** The main thread's longest task while they trained (0: none of 50 ms or more). */
	longestTaskMs: number;
	longTaskCount: number;
}

/**
 * The notebook's own PyTorch loop timed on the same machine (scripts/bench/run.ts
 * --reference=FILE): seconds per training epoch by model kind, and where they come from.
 */
export interface PytorchReference {
	seconds: Partial<Record<ModelKind, number>>;
	machine: string;
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
	/** One run vs two runs at once in two workers (absent in reports from before this part). */
	pairs?: PairReport[];
	/** Why the two-runs part did not run, if it did not. */
	pairError?: string;
	/** Whether the page was cross-origin isolated (the threaded WASM build needs it). */
	crossOriginIsolated?: boolean;
	/** Added by scripts/bench/run.ts when given --reference. */
	reference?: PytorchReference;
}

export { assertNever } from '../engine/protocol';
