/**
 * The benchmark's "two runs at once" part: the playground's real path (RunState -> EngineClient
 * -> engine worker, one worker per run) trains one epoch of one run, then of two runs at the
 * same time in two workers, while the page paints each run's live heatmaps. It reports each
 * run's examples per second and the main thread's longest task (PerformanceObserver 'longtask')
 * during the training: whether a second worker halves the speed and whether the page stays
 * responsive. Browser only: call it from onMount.
 */
import type { BackendPreference, ModelKind } from '../engine/config';
import { RunState } from '../state/run.svelte';
import type { LongTasks } from './runner';
import { benchRecipe, type PairReport } from './protocol';

export interface PairOptions {
	dataUrl: string;
	backend: BackendPreference;
	model: ModelKind;
	/** How many runs train at once, each in its own worker. */
	runs: 1 | 2;
	tasks: LongTasks;
	signal: AbortSignal;
	/** Hands the runs to the page, which paints their live weights (null: none any more). */
	show: (runs: RunState[] | null) => void;
	onLine: (line: string) => void;
}

export async function runPair(options: PairOptions): Promise<PairReport> {
	const { backend, model, runs: count } = options;
	const runs = Array.from({ length: count }, () => new RunState());
	// As the playground's compare view does: two runs each pull their weights half as often.
	for (const run of runs) run.snapshotIntervalMs *= count;
	options.show(runs);
	try {
		options.onLine(`${count} run(s) of ${model} on ${backend}: starting ${count} worker(s)`);
		await Promise.all(
			runs.map((run, i) => run.start(backend, options.dataUrl, benchRecipe(model, i + 1)))
		);
		const failed = runs.flatMap((run) => run.errors);
		if (failed.length > 0) throw new Error(failed.join('; '));
		options.onLine(`${count} run(s) of ${model} on ${backend}: training one epoch`);
		const start = performance.now();
		const seconds = await Promise.all(
			runs.map(async (run) => {
				await run.train(1);
				return (performance.now() - start) / 1000;
			})
		);
		const end = performance.now();
		if (options.signal.aborted) throw new Error('aborted');
		const inside = options.tasks.between(start, end);
		return {
			model,
			backend,
			actualBackend: runs[0].backend?.name ?? backend,
			runs: count,
			trainCount: runs[0].position?.trainCount ?? 0,
			seconds,
			// Wall-clock examples per second, including each epoch's validation over 10k test digits.
			examplesPerSecond: seconds.map((s, i) => (runs[i].position?.trainCount ?? 0) / s),
			accuracy: runs.map((run) => run.lastEpoch?.exactAccuracy ?? NaN),
			longestTaskMs: Math.max(0, ...inside.map((t) => t.duration)),
			longTaskCount: inside.length
		};
	} finally {
		options.show(null);
		for (const run of runs) run.destroy();
	}
}
