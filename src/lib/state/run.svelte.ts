/**
 * What the page knows about the run in the worker, as Svelte 5 runes. One RunState per page,
 * shared through context; it owns the page's only EngineClient. Big arrays are $state.raw and
 * replaced, never pushed, so Svelte does not proxy thousands of numbers.
 */
import { getContext, setContext } from 'svelte';
import type { EngineClient } from '../engine/client';
import type { BackendPreference, RunConfig } from '../engine/config';
import type {
	BackendInfo,
	EngineEvent,
	EpochMetrics,
	HistoryEntry,
	ReplyOf,
	RequestPayload,
	RequestType,
	RunPosition,
	RunStatus,
	TensorSnapshot
} from '../engine/protocol';
import type { DataProgress } from '../data/mnist';
import { indexAtStep, mergeHistory } from '../engine/history';

export interface LossPoint {
	step: number;
	loss: number;
}

/** Pull weights at most this often while training: enough for smooth heatmaps, cheap for the GPU. */
const SNAPSHOT_INTERVAL_MS = 150;

export class RunState {
	backend = $state<BackendInfo | null>(null);
	dataProgress = $state<DataProgress | null>(null);
	dataReady = $state(false);
	status = $state<RunStatus>('idle');
	position = $state<RunPosition | null>(null);
	/** The recipe of the run that exists in the worker (not the form's draft). */
	config = $state.raw<RunConfig | null>(null);
	epochs = $state.raw<EpochMetrics[]>([]);
	losses = $state.raw<LossPoint[]>([]);
	/** Per trained batch, the L2 norm of each parameter's gradient (named by gradParamNames). */
	gradNorms = $state.raw<{ step: number; norms: number[] }[]>([]);
	gradParamNames = $state.raw<string[]>([]);
	weights = $state.raw<TensorSnapshot[] | null>(null);
	/** Remembered moments of this run, oldest first, mirrored from the engine's history. */
	history = $state.raw<HistoryEntry[]>([]);
	/** Index of the history entry being shown, or null to follow the live weights. */
	timeline = $state<number | null>(null);
	errors = $state.raw<string[]>([]);
	busy = $state(false);
	/** Pause between weight pulls while training (two runs on one page each pull half as often). */
	snapshotIntervalMs = SNAPSHOT_INTERVAL_MS;
	/** Called after Train or Step finishes, e.g. to put the model on the shelf for /draw. */
	onModel: ((run: RunState) => void) | null = null;

	private client: EngineClient | null = null;
	private markReady: () => void = () => {};
	private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));
	private pulling = false;
	private historyPull: Promise<void> = Promise.resolve();

	readonly lastEpoch = $derived(this.epochs.at(-1) ?? null);
	/** The scrubbed moment, or null while following the live weights. */
	readonly shownEntry = $derived(
		this.timeline === null ? null : (this.history[this.timeline] ?? null)
	);
	readonly shownWeights = $derived(this.shownEntry ? this.shownEntry.weights : this.weights);
	/** Whose gradient to show: the scrubbed moment's, or else the newest one recorded. */
	readonly gradientEntry = $derived(this.shownEntry ?? this.history.at(-1) ?? null);
	readonly dataFraction = $derived(
		this.dataProgress
			? this.dataProgress.loadedBytes / Math.max(1, this.dataProgress.totalBytes)
			: 0
	);

	/** Starts the worker, picks the backend and loads the data; call from onMount. */
	async start(backend: BackendPreference, dataUrl: string, config: RunConfig): Promise<void> {
		const { EngineClient } = await import('../engine/client');
		this.client = EngineClient.create();
		this.client.on((event) => this.receive(event));
		await this.guard(async (client) => {
			await client.request('init', { backend, dataUrl });
			await client.request('loadData', { dataUrl });
			this.dataReady = true;
			await this.applyConfig(config);
			this.markReady();
		});
	}

	/** Replaces the run with a fresh one for this recipe. */
	async applyConfig(config: RunConfig): Promise<void> {
		// A form's $state proxy cannot cross postMessage: send a plain copy.
		const plain = $state.snapshot(config) as RunConfig;
		await this.guard(async (client) => {
			this.position = await client.request('configure', { config: plain });
			this.config = plain;
			this.epochs = [];
			this.losses = [];
			this.gradNorms = [];
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
		const done = await this.guard(async (client) => {
			this.position = await client.request('loadWeights', { config: plain, weights, epochsDone });
			this.config = plain;
			this.epochs = [];
			this.losses = [];
			this.gradNorms = [];
			await this.refreshWeights();
			await this.refreshHistory(true);
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
			this.onModel?.(this);
		});
	}

	/** Any engine request; a failure becomes a visible message and resolves to undefined. */
	call<T extends RequestType>(
		type: T,
		payload: RequestPayload<T>
	): Promise<ReplyOf<T> | undefined> {
		return this.guard((client) => client.request(type, payload));
	}

	/** Resolves once the data is loaded and a run exists (immediately if they already are). */
	whenReady(): Promise<void> {
		return this.readyPromise;
	}

	pause = () => this.guard((client) => client.request('pause', {}));
	resume = () => this.guard((client) => client.request('resume', {}));

	async step(): Promise<void> {
		await this.guard(async (client) => {
			this.position = (await client.request('step', {})).position;
			await this.refreshWeights();
			await this.refreshHistory();
			this.onModel?.(this);
		});
	}

	async reset(): Promise<void> {
		await this.guard(async (client) => {
			this.position = await client.request('reset', {});
			this.epochs = [];
			this.losses = [];
			this.gradNorms = [];
			await this.refreshWeights();
			await this.refreshHistory(true);
		});
	}

	dismissError(index: number): void {
		this.errors = this.errors.filter((_, i) => i !== index);
	}

	destroy(): void {
		this.client?.terminate();
		this.client = null;
	}

	/** Fetches the current weights (after a change made through call()). */
	async refreshWeights(): Promise<void> {
		if (!this.client) return;
		const snapshot = await this.client.request('snapshot', { weights: true });
		this.weights = snapshot.weights ?? null;
	}

	/** Shows history entry `index`, or (null) follows the live weights again. */
	scrub(index: number | null): void {
		this.timeline =
			index === null ? null : Math.max(0, Math.min(Math.round(index), this.history.length - 1));
	}

	/**
	 * Fetches the moments recorded after the newest one known (`fresh`: forget the old run's
	 * first). Pulls run one at a time: overlapping ones would append the same entries twice.
	 */
	refreshHistory(fresh = false): Promise<void> {
		this.historyPull = this.historyPull
			.then(() => this.pullHistory(fresh))
			// Like a failed snapshot, not worth a message: the next pull catches up.
			.catch(() => undefined);
		return this.historyPull;
	}

	private async pullHistory(fresh: boolean): Promise<void> {
		if (!this.client) return;
		if (fresh) {
			this.history = [];
			this.timeline = null;
		}
		const since = this.history.at(-1)?.step ?? -1;
		const slice = await this.client.request('history', { since });
		const shownStep = this.shownEntry?.step ?? null;
		this.history = mergeHistory(this.history, slice);
		// Thinning shifts the indices: keep showing the same moment (or the nearest before it).
		if (shownStep !== null) this.timeline = indexAtStep(this.history, shownStep);
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

	private async guard<T>(work: (client: EngineClient) => Promise<T>): Promise<T | undefined> {
		if (!this.client) return undefined;
		try {
			return await work(this.client);
		} catch (error) {
			this.report((error as Error).message);
			return undefined;
		}
	}

	private report(message: string): void {
		if (!this.errors.includes(message)) this.errors = [...this.errors, message];
	}

	private receive(event: EngineEvent): void {
		switch (event.type) {
			case 'backend':
				this.backend = event.info;
				break;
			case 'dataProgress':
				this.dataProgress = event.progress;
				break;
			case 'losses': {
				const added = Array.from(event.values, (loss, i) => ({ step: event.firstStep + i, loss }));
				this.losses = [...this.losses.filter((p) => p.step < event.firstStep), ...added];
				const width = event.paramNames.length;
				const norms = Array.from(event.values, (_, i) => ({
					step: event.firstStep + i,
					norms: Array.from(event.gradNorms.subarray(i * width, (i + 1) * width))
				}));
				this.gradNorms = [...this.gradNorms.filter((p) => p.step < event.firstStep), ...norms];
				this.gradParamNames = event.paramNames;
				this.position = event.position;
				break;
			}
			case 'epoch':
				this.epochs = [...this.epochs, event.metrics];
				this.position = event.position;
				break;
			case 'status':
				this.status = event.status;
				this.position = event.position;
				if (event.status === 'training') void this.pullWeights();
				break;
			case 'error':
				this.report(event.message);
				break;
			case 'reply':
				break;
		}
	}
}

const KEY = Symbol('run-state');

export function provideRunState(state: RunState): RunState {
	return setContext(KEY, state);
}

export function useRunState(): RunState {
	return getContext<RunState>(KEY);
}
