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
	RunPosition,
	RunStatus,
	TensorSnapshot
} from '../engine/protocol';
import type { DataProgress } from '../data/mnist';

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
	weights = $state.raw<TensorSnapshot[] | null>(null);
	errors = $state.raw<string[]>([]);
	busy = $state(false);

	private client: EngineClient | null = null;
	private pulling = false;

	readonly lastEpoch = $derived(this.epochs.at(-1) ?? null);
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
			await this.refreshWeights();
		});
	}

	async train(epochs: number): Promise<void> {
		await this.guard(async (client) => {
			const done = client.request('train', { epochs });
			this.pullWeights();
			this.position = await done;
			await this.refreshWeights();
		});
	}

	pause = () => this.guard((client) => client.request('pause', {}));
	resume = () => this.guard((client) => client.request('resume', {}));

	async step(): Promise<void> {
		await this.guard(async (client) => {
			this.position = await client.request('step', {});
			await this.refreshWeights();
		});
	}

	async reset(): Promise<void> {
		await this.guard(async (client) => {
			this.position = await client.request('reset', {});
			this.epochs = [];
			this.losses = [];
			await this.refreshWeights();
		});
	}

	dismissError(index: number): void {
		this.errors = this.errors.filter((_, i) => i !== index);
	}

	destroy(): void {
		this.client?.terminate();
		this.client = null;
	}

	private async refreshWeights(): Promise<void> {
		if (!this.client) return;
		const snapshot = await this.client.request('snapshot', { weights: true });
		this.weights = snapshot.weights ?? null;
	}

	/** Pull, don't flood: ask for the next snapshot only after the last one is painted. */
	private async pullWeights(): Promise<void> {
		if (this.pulling) return;
		this.pulling = true;
		try {
			while (this.client && this.status !== 'idle') {
				await this.refreshWeights();
				await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_INTERVAL_MS));
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
