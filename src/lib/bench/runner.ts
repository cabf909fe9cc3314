/**
 * The benchmark page's side: one bench worker per backend, in turn, and a PerformanceObserver
 * on the main thread's long tasks, started before any training. Browser only: call it from
 * onMount (prerendering runs module code in node, where Worker does not exist).
 */
import type { BackendName, BackendPreference, ModelKind } from '../engine/config';
import {
	assertNever,
	OURS_TIMING,
	type BenchEvent,
	type BenchImpl,
	type BenchReport,
	type BenchRequest,
	type PairReport
} from './protocol';
import type { PairOptions } from './pair';

declare global {
	interface Window {
		/** The finished (or growing) report, read by scripts/bench/run.ts. */
		__bench?: BenchReport;
	}
}

export interface BenchOptions {
	dataUrl: string;
	backends: BackendName[];
	models: ModelKind[];
	/** WASM threads when isolated; absent: the engine's default. */
	threads?: number;
	/** Also profile our step kernel by kernel. */
	profile?: boolean;
	signal: AbortSignal;
	onLine: (line: string) => void;
	onReport: (report: BenchReport) => void;
	/** One run vs two at once in two workers, on this backend; null skips that part. */
	pair: { backend: BackendPreference; show: PairOptions['show'] } | null;
}

interface Phase {
	backend: BackendName;
	model: ModelKind;
	impl: BenchImpl;
	start: number;
	end: number;
}

/** Picks the known names out of a comma-separated query value; all of them when it is absent. */
export function parseList<T extends string>(value: string | null, known: readonly T[]): T[] {
	if (!value) return [...known];
	return value.split(',').filter((name): name is T => (known as readonly string[]).includes(name));
}

/** The main thread's long tasks (>= 50 ms) seen so far, and those overlapping a time window. */
export interface LongTasks {
	supported: boolean;
	entries: PerformanceEntry[];
	between: (start: number, end: number) => PerformanceEntry[];
	stop: () => void;
}

function observeLongTasks(): LongTasks {
	const entries: PerformanceEntry[] = [];
	let observer: PerformanceObserver | null = null;
	const between = (start: number, end: number) => {
		entries.push(...(observer?.takeRecords() ?? []));
		return entries.filter((t) => t.startTime < end && t.startTime + t.duration > start);
	};
	const supported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
	if (!supported) return { supported, entries, between, stop: () => {} };
	const live = new PerformanceObserver((list) => entries.push(...list.getEntries()));
	live.observe({ type: 'longtask', buffered: true });
	observer = live;
	return {
		supported,
		entries,
		between,
		stop: () => {
			entries.push(...live.takeRecords());
			live.disconnect();
		}
	};
}

/** Runs one backend in a fresh worker; resolves when the worker is finished with it. */
function runBackend(
	request: BenchRequest,
	report: BenchReport,
	phases: Phase[],
	options: BenchOptions
): Promise<void> {
	const { backend } = request;
	const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
	const open = new Map<string, number>();
	return new Promise<void>((resolve) => {
		const finish = (status: 'ok' | 'unavailable' | 'error', message?: string) => {
			const entry = report.backends.find((b) => b.backend === backend);
			if (entry) Object.assign(entry, { status, message });
			else report.backends.push({ backend, status, message });
			if (message) options.onLine(`${backend}: ${status}: ${message}`);
			worker.terminate();
			options.signal.removeEventListener('abort', abort);
			resolve();
		};
		const abort = () => finish('error', 'aborted');
		options.signal.addEventListener('abort', abort);
		worker.onerror = (event) => {
			event.preventDefault();
			finish('error', `the worker stopped: ${event.message || 'it could not start'}`);
		};
		worker.onmessage = ({ data: event }: MessageEvent<BenchEvent>) => {
			switch (event.type) {
				case 'backend':
					report.backends.push({ backend, status: 'ok', label: event.label });
					options.onLine(`${backend}: ${event.label}`);
					break;
				case 'unavailable':
					finish('unavailable', event.reason);
					break;
				case 'progress':
					options.onLine(event.message);
					break;
				case 'phase': {
					const key = `${event.impl}/${event.model}`;
					if (event.state === 'start') open.set(key, performance.now());
					else {
						const start = open.get(key) ?? performance.now();
						phases.push({
							backend,
							model: event.model,
							impl: event.impl,
							start,
							end: performance.now()
						});
					}
					break;
				}
				case 'result':
					report.results.push(event.result);
					options.onReport({ ...report });
					break;
				case 'done':
					finish('ok');
					break;
				case 'error':
					finish('error', event.message);
					break;
				default:
					assertNever(event);
			}
		};
		worker.postMessage(request);
	});
}

/** For each model: one run alone, then two at once (the engine's own path, live heatmaps). */
async function runPairs(
	options: BenchOptions,
	pair: NonNullable<BenchOptions['pair']>,
	tasks: LongTasks
): Promise<PairReport[]> {
	const { runPair } = await import('./pair');
	const pairs: PairReport[] = [];
	for (const model of options.models) {
		for (const runs of [1, 2] as const) {
			if (options.signal.aborted) return pairs;
			const result = await runPair({ ...options, ...pair, model, runs, tasks });
			pairs.push(result);
			const rates = result.examplesPerSecond.map((r) => Math.round(r)).join(' + ');
			options.onLine(
				`${runs} run(s) of ${model}: ${rates} ex/s, longest main-thread task ${Math.round(result.longestTaskMs)} ms`
			);
		}
	}
	return pairs;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
	const report: BenchReport = {
		done: false,
		startedAt: new Date().toISOString(),
		userAgent: navigator.userAgent,
		timing: OURS_TIMING,
		backends: [],
		results: [],
		longTasks: [],
		longestTaskOverallMs: 0,
		longTaskSupported: false,
		crossOriginIsolated: globalThis.crossOriginIsolated === true
	};
	const tasks = observeLongTasks();
	report.longTaskSupported = tasks.supported;
	const phases: Phase[] = [];
	for (const backend of options.backends) {
		if (options.signal.aborted) break;
		const request: BenchRequest = {
			type: 'run',
			backend,
			dataUrl: options.dataUrl,
			models: options.models,
			threads: options.threads,
			profile: options.profile
		};
		await runBackend(request, report, phases, options);
		options.onReport({ ...report });
	}
	if (options.pair && !options.signal.aborted) {
		try {
			report.pairs = await runPairs(options, options.pair, tasks);
		} catch (error) {
			report.pairError = error instanceof Error ? error.message : String(error);
			options.onLine(`two runs at once: ${report.pairError}`);
		}
		options.onReport({ ...report });
	}
	tasks.stop();
	report.longTasks = phases.map(({ backend, model, impl, start, end }) => {
		const inside = tasks.entries.filter(
			(t) => t.startTime < end && t.startTime + t.duration > start
		);
		const longestMs = Math.max(0, ...inside.map((t) => t.duration));
		return { backend, model, impl, longestMs, count: inside.length };
	});
	report.longestTaskOverallMs = Math.max(0, ...tasks.entries.map((t) => t.duration));
	report.done = true;
	options.onReport({ ...report });
	return report;
}
