/**
 * Two runs side by side on the playground: run A is the page's own RunState, run B a second one
 * with its own worker (each RunState owns one EngineClient), so the two train at the same time on
 * two threads and the page only paints. Both share one timeline, measured in epochs: each run
 * shows its own remembered snapshot at or just before the scrubbed moment.
 */
import type { BackendPreference, RunConfig } from '../engine/config';
import type { HistoryEntry, RunStatus } from '../engine/protocol';
import { differenceLabels } from '../compare/recipes';
import { indexAtEpoch, momentIndex, sharedMoments } from '../compare/timeline';
import { sameRecipe } from '../persist/resume';
import { RunState } from './run.svelte';
import { isFinished, targetEpochs } from './runWords';

/** True when the form's recipe differs from the run that exists in the worker. */
export function isDirty(run: RunState, draft: RunConfig): boolean {
	return run.config !== null && JSON.stringify(run.config) !== JSON.stringify(draft);
}

/**
 * Train: a changed recipe, or a finished run, starts afresh; otherwise training continues to the
 * target, which a Step past the recipe's epochs raised (that epoch is finished, not dropped).
 */
export async function trainTo(run: RunState, draft: RunConfig): Promise<void> {
	if (isDirty(run, draft) || isFinished(run.position, draft.epochs)) {
		await run.applyConfig(draft);
	}
	const done = run.position?.epochsDone ?? 0;
	await run.train(targetEpochs(run.position, draft.epochs) - done);
}

export async function stepTo(run: RunState, draft: RunConfig): Promise<void> {
	if (isDirty(run, draft)) await run.applyConfig(draft);
	await run.step();
}

export async function resetTo(run: RunState, draft: RunConfig): Promise<void> {
	if (isDirty(run, draft)) await run.applyConfig(draft);
	else await run.reset();
}

/** A run's curves belong to its recipe once it has trained; before that the form's is next. */
function recipeOf(run: RunState, draft: RunConfig): RunConfig {
	return run.config && (run.position?.stepsDone ?? 0) > 0 ? run.config : draft;
}

/** What the shared controls show: training while either trains, paused while either waits. */
export function combinedStatus(a: RunStatus, b: RunStatus): RunStatus {
	if (a === 'training' || b === 'training') return 'training';
	if (a === 'paused' || b === 'paused') return 'paused';
	return 'idle';
}

/** Under which name run B is saved: apart from run A's ('playground'), so each restores its own. */
export const RUN_B_PAGE = 'playground-b';

export class CompareState {
	readonly b = new RunState();
	/** Run B's recipe form. */
	draft = $state<RunConfig>() as RunConfig;
	/** The scrubbed moment in epochs, or null while both follow their live weights. */
	moment = $state<number | null>(null);
	playing = $state(false);
	private readonly singleInterval: number;

	// $derived.by: the closures read `a` later, once the constructor has set it.
	readonly moments = $derived.by(() => sharedMoments(this.a.history, this.b.history));
	readonly status = $derived.by(() => combinedStatus(this.a.status, this.b.status));
	readonly ready = $derived.by(
		() => this.a.dataReady && this.b.dataReady && this.a.config !== null && this.b.config !== null
	);
	/** Index of the shown moment on the shared scrubber. */
	readonly index = $derived.by(() =>
		this.moment === null ? this.moments.length - 1 : momentIndex(this.moments, this.moment)
	);
	readonly entryA = $derived.by(() => this.entryAt(this.a.history));
	readonly entryB = $derived.by(() => this.entryAt(this.b.history));

	constructor(
		/** The page's own run. */
		readonly a: RunState,
		draft: RunConfig
	) {
		this.draft = draft;
		this.b.saveAs = RUN_B_PAGE;
		// Two runs repainting at once: each pulls its weights half as often, so the page paints
		// about as much as for one run.
		this.singleInterval = a.snapshotIntervalMs;
		a.snapshotIntervalMs = this.b.snapshotIntervalMs = 2 * this.singleInterval;
	}

	/** Each run named by what sets it apart from the other ("sequential" vs "shuffled"). */
	labels(draftA: RunConfig): { a: string; b: string } {
		return differenceLabels(recipeOf(this.a, draftA), recipeOf(this.b, this.draft));
	}

	/**
	 * Starts run B's worker; call from the browser (a click), never during prerendering. Run B's
	 * last saved run comes back when it has the recipe chosen for B.
	 */
	start(backend: BackendPreference, dataUrl: string): Promise<void> {
		const recipe = $state.snapshot(this.draft) as RunConfig;
		return this.b.start(backend, dataUrl, recipe, (saved) => sameRecipe(saved, recipe));
	}

	/** Moves the shared scrubber to moment `index` of `moments`; null follows the live weights. */
	scrub(index: number | null): void {
		if (index === null || this.moments.length === 0) {
			this.moment = null;
			return;
		}
		const i = Math.max(0, Math.min(Math.round(index), this.moments.length - 1));
		this.moment = this.moments[i];
	}

	trainBoth(draftA: RunConfig): Promise<unknown> {
		this.moment = null;
		return Promise.all([trainTo(this.a, draftA), trainTo(this.b, this.draft)]);
	}

	stepBoth(draftA: RunConfig): Promise<unknown> {
		return Promise.all([stepTo(this.a, draftA), stepTo(this.b, this.draft)]);
	}

	resetBoth(draftA: RunConfig): Promise<unknown> {
		this.moment = null;
		return Promise.all([resetTo(this.a, draftA), resetTo(this.b, this.draft)]);
	}

	pauseBoth = (): Promise<unknown> => Promise.all([this.a.pause(), this.b.pause()]);
	resumeBoth = (): Promise<unknown> =>
		Promise.all([
			this.a.status === 'paused' ? this.a.resume() : undefined,
			this.b.status === 'paused' ? this.b.resume() : undefined
		]);

	destroy(): void {
		this.a.snapshotIntervalMs = this.singleInterval;
		this.b.destroy();
	}

	private entryAt(history: HistoryEntry[]): HistoryEntry | null {
		if (this.moment === null) return null;
		return history[indexAtEpoch(history, this.moment)] ?? null;
	}
}
