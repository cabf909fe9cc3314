/**
 * The run as the page knows it, as Svelte 5 runes: its recipe, position, status, epochs, batch
 * losses, weights and weight history, and what the page can do to it (configure, train, pause,
 * step, reset, load a model). Big arrays are $state.raw and replaced, never pushed, so Svelte
 * does not proxy thousands of numbers; per-batch numbers go through BatchSeries, whose cost per
 * message does not grow with the run. Each epoch's end, each pause and the end of each Train or
 * Step are saved in the browser (through RunKeeper) when the page is idle. RunState (run.svelte.ts)
 * adds starting, bringing saved runs back and replacing a lost worker.
 */
import type { RunConfig } from '../engine/config';
import type {
	EngineEvent,
	EpochMetrics,
	HistoryEntry,
	ModelScore,
	RunPosition,
	RunStatus,
	TensorSnapshot
} from '../engine/protocol';
import { newRunId } from '../persist/saver';
import { BatchSeries, type LossPoint } from './batchSeries.svelte';
import { EngineLink } from './engineLink.svelte';
import { HistoryMirror } from './historyMirror.svelte';
import { RunKeeper } from './runKeeper.svelte';
import { recordAt } from './runSave';

export type { LossPoint } from './batchSeries.svelte';

/** Pull weights at most this often while training: enough for smooth heatmaps, cheap for the GPU. */
const SNAPSHOT_INTERVAL_MS = 150;

export abstract class RunCore extends EngineLink {
	status = $state<RunStatus>('idle');
	position = $state<RunPosition | null>(null);
	/** The recipe of the run that exists in the worker (not the form's draft). */
	config = $state.raw<RunConfig | null>(null);
	/** One entry per finished epoch: at most 200 (the recipe's limit), appended once an epoch. */
	epochs = $state.raw<EpochMetrics[]>([]);
	/** Batch losses and gradient norms, with bounded chart views (see batchSeries.svelte.ts). */
	readonly batches = new BatchSeries();
	weights = $state.raw<TensorSnapshot[] | null>(null);
	/** The weight history and the scrubbed moment (see historyMirror.svelte.ts). */
	readonly timelineState = new HistoryMirror(() => this.client);
	busy = $state(false);
	/** Pause between weight pulls while training (two runs on one page each pull half as often). */
	snapshotIntervalMs = SNAPSHOT_INTERVAL_MS;
	/** Called after Train or Step finishes, e.g. to put the model on the shelf for /draw. */
	onModel: ((run: RunCore) => void) | null = null;
	/** Under which page this run is saved ('playground'...); from the URL unless set before start. */
	saveAs: string | null = null;
	/** The lesson's place and answers, saved with the run (any JSON value). */
	lessonPlace: (() => unknown) | null = null;
	/** The current run's id in the browser's storage: a new one for every fresh run. */
	runId = newRunId();
	/** Saved runs: the store, the run brought back on opening, the storage they use. */
	readonly keeper = new RunKeeper();
	/** Test loss and accuracy of weights that came without their epochs (a model link's). */
	scored = $state.raw<ModelScore | null>(null);

	private saveWanted = false;
	private pulling = false;
	/** When the worker was lost (performance.now()), to time bringing the run back. */
	protected lostAt = 0;

	readonly lastEpoch = $derived(this.epochs.at(-1) ?? null);
	/** Remembered moments of this run, oldest first, mirrored from the engine's history. */
	get history(): HistoryEntry[] {
		return this.timelineState.entries;
	}
	/** Index of the history entry being shown, or null to follow the live weights. */
	get timeline(): number | null {
		return this.timelineState.timeline;
	}
	/** The scrubbed moment, or null while following the live weights. */
	readonly shownEntry = $derived(this.timelineState.shown);
	readonly shownWeights = $derived(this.shownEntry ? this.shownEntry.weights : this.weights);
	/** Whose gradient to show: the scrubbed moment's, or else the newest one recorded. */
	readonly gradientEntry = $derived(this.shownEntry ?? this.history.at(-1) ?? null);
	/** Batch losses for charts: bounded, evenly spaced, the newest exact (allLosses() has them all). */
	get losses(): LossPoint[] {
		return this.batches.losses;
	}
	set losses(points: LossPoint[]) {
		this.batches.setLosses(points);
	}
	/** Per trained batch, the L2 norm of each parameter's gradient (named by gradParamNames). */
	get gradNorms() {
		return this.batches.norms;
	}
	get gradParamNames(): string[] {
		return this.batches.paramNames;
	}

	/**
	 * Saves the run as it is now, once the page is idle: after Train, Step or a loaded model, and
	 * when the lesson's place changes (`evenUntrained`: a run not trained yet is worth keeping).
	 */
	saveNow(evenUntrained = false): void {
		const client = this.client;
		if (!client || !this.saveAs || this.status === 'training') return;
		// Weights and position read together, whatever changed them (a lesson panel's own step).
		void client
			.request('snapshot', { weights: true })
			.then(({ position, weights }) => {
				if (weights && (position.stepsDone > 0 || evenUntrained)) {
					this.keeper.save(recordAt(this, position, weights));
				}
			})
			.catch(() => undefined);
	}

	protected workerGone(): void {
		this.lostAt = performance.now();
		this.status = 'idle';
		this.busy = false;
	}

	/** Replaces the run with a fresh one for this recipe. */
	async applyConfig(config: RunConfig): Promise<void> {
		// A form's $state proxy cannot cross postMessage: send a plain copy.
		const plain = $state.snapshot(config) as RunConfig;
		await this.guard(async (client) => {
			this.position = await client.request('configure', { config: plain });
			this.config = plain;
			this.forgetRun();
			await this.refreshWeights();
			await this.refreshHistory(true);
		});
	}

	/** Replaces the run with one holding given weights (a shared link's or an imported model). */
	async loadModel(
		config: RunConfig,
		weights: TensorSnapshot[],
		epochsDone: number
	): Promise<boolean> {
		const plain = $state.snapshot(config) as RunConfig;
		// Weights need the data loaded (a page may ask before; a Retry may bring it later).
		await this.whenReady();
		const done = await this.guard(async (client) => {
			this.position = await client.request('loadWeights', { config: plain, weights, epochsDone });
			this.config = plain;
			this.forgetRun();
			await this.refreshWeights();
			await this.refreshHistory(true);
			this.saveNow(true);
			return true;
		});
		return done ?? false;
	}

	async train(epochs: number): Promise<void> {
		await this.guard(async (client) => {
			const done = client.request('train', { epochs });
			this.pullWeights();
			this.position = await done;
			await this.refreshWeights();
			await this.refreshHistory();
			this.saveNow();
			this.onModel?.(this);
		});
	}

	pause = () => this.guard((client) => client.request('pause', {}));
	resume = () => this.guard((client) => client.request('resume', {}));

	async step(): Promise<void> {
		await this.guard(async (client) => {
			this.position = (await client.request('step', {})).position;
			await this.refreshWeights();
			await this.refreshHistory();
			this.saveNow();
			this.onModel?.(this);
		});
	}

	async reset(): Promise<void> {
		await this.guard(async (client) => {
			this.position = await client.request('reset', {});
			this.forgetRun();
			await this.refreshWeights();
			await this.refreshHistory(true);
		});
	}

	/** Every batch loss of the run, oldest first (the charts show a bounded sample). */
	allLosses(): LossPoint[] {
		const { steps, values } = this.batches.all();
		return Array.from(steps, (step, i) => ({ step, loss: values[i] }));
	}

	/** Fetches the current weights (after a change made through call()). */
	async refreshWeights(): Promise<void> {
		if (!this.client) return;
		const snapshot = await this.client.request('snapshot', { weights: true });
		this.weights = snapshot.weights ?? null;
		if (this.saveWanted && this.weights) {
			this.saveWanted = false;
			this.keeper.save(recordAt(this, snapshot.position, this.weights));
		}
	}

	/** A fresh run: empty curves and a new id (the old run's save stays, for later). */
	protected forgetRun(): void {
		this.epochs = [];
		this.batches.clear();
		this.scored = null;
		this.runId = newRunId();
	}

	/** Shows history entry `index`, or (null) follows the live weights again. */
	scrub(index: number | null): void {
		this.timelineState.scrub(index);
	}

	/** Fetches the moments recorded after the newest one known (`fresh`: the run is new). */
	refreshHistory(fresh = false): Promise<void> {
		return this.timelineState.refresh(fresh);
	}

	/** Pull, don't flood: ask for the next snapshot only after the last one is painted. */
	private async pullWeights(): Promise<void> {
		if (this.pulling) return;
		this.pulling = true;
		try {
			while (this.client && this.status !== 'idle') {
				await this.refreshWeights();
				await this.refreshHistory();
				await new Promise((resolve) => setTimeout(resolve, this.snapshotIntervalMs));
				await new Promise((resolve) => requestAnimationFrame(resolve));
			}
		} catch {
			// A failed snapshot is not worth a message: the next Train or Step refreshes the view.
		} finally {
			this.pulling = false;
		}
	}

	protected receive(event: EngineEvent): void {
		switch (event.type) {
			case 'losses':
				this.batches.receive(event);
				this.position = event.position;
				break;
			case 'epoch':
				this.epochs = [...this.epochs, event.metrics];
				this.position = event.position;
				this.saveWanted = true;
				break;
			case 'status':
				this.status = event.status;
				this.position = event.position;
				if (event.status === 'paused') this.saveWanted = true;
				if (event.status === 'training') void this.pullWeights();
				else this.noTrainingNow();
				break;
			default:
				break;
		}
	}
}
