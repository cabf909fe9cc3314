/**
 * The page's link to its engine worker, before any run: the client, the backend it chose, the
 * MNIST download (with Retry after a failure), the messages the learner must read, and the
 * guard that turns a failed request into one of those messages. RunState builds the run on top.
 */
import type { EngineClient } from '../engine/client';
import type { BackendPreference } from '../engine/config';
import type {
	BackendInfo,
	EngineEvent,
	ReplyOf,
	RequestPayload,
	RequestType
} from '../engine/protocol';
import type { DataProgress } from '../data/mnist';
import { announceData } from '../offline/messages';

export abstract class EngineLink {
	backend = $state<BackendInfo | null>(null);
	dataProgress = $state<DataProgress | null>(null);
	dataReady = $state(false);
	errors = $state.raw<string[]>([]);
	/** The message of a failed data load, which Retry answers; null when there is none. */
	dataError = $state<string | null>(null);
	readonly dataFraction = $derived(
		this.dataProgress
			? this.dataProgress.loadedBytes / Math.max(1, this.dataProgress.totalBytes)
			: 0
	);
	/** Retry beside a data error's message (MessageList's `retry`). */
	readonly dataRetry = {
		applies: (message: string) => message === this.dataError,
		retry: () => void this.retryData()
	};

	protected client: EngineClient | null = null;
	private dataUrl = '';
	private markReady: () => void = () => {};
	private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

	/** What to do once the data is loaded, before the link counts as ready (make a run). */
	protected abstract whenDataLoaded(): Promise<void>;
	/** Every event the link itself does not handle. */
	protected abstract receive(event: EngineEvent): void;

	/** Starts the worker, picks the backend and loads the data. */
	protected async connect(backend: BackendPreference, dataUrl: string): Promise<void> {
		this.dataUrl = dataUrl;
		// Tells the service worker to wait: it keeps the data files once this download is over.
		announceData('loading');
		try {
			const { EngineClient } = await import('../engine/client');
			this.client = EngineClient.create();
			this.client.on((event) => this.handle(event));
			const started = await this.guard((client) => client.request('init', { backend, dataUrl }));
			if (started) await this.loadData();
		} finally {
			announceData('settled');
		}
	}

	/** Loads the data again after a failed download, without a reload (the Retry button). */
	async retryData(): Promise<void> {
		const failed = this.dataError;
		if (failed === null || this.dataReady) return;
		this.dataError = null;
		this.errors = this.errors.filter((m) => m !== failed);
		this.dataProgress = null;
		announceData('loading');
		await this.loadData().finally(() => announceData('settled'));
	}

	private async loadData(): Promise<void> {
		await this.guard(async (client) => {
			await client.request('loadData', { dataUrl: this.dataUrl }).catch((error: Error) => {
				this.dataError = error.message;
				if (this.dataProgress) this.dataProgress = { ...this.dataProgress, stage: 'stopped' };
				throw error;
			});
			this.dataReady = true;
			await this.whenDataLoaded();
			this.markReady();
		});
	}

	/** Resolves once the data is loaded and a run exists (immediately if they already are). */
	whenReady(): Promise<void> {
		return this.readyPromise;
	}

	/** Any engine request; a failure becomes a visible message and resolves to undefined. */
	call<T extends RequestType>(
		type: T,
		payload: RequestPayload<T>
	): Promise<ReplyOf<T> | undefined> {
		return this.guard((client) => client.request(type, payload));
	}

	dismissError(index: number): void {
		this.errors = this.errors.filter((_, i) => i !== index);
	}

	destroy(): void {
		this.client?.terminate();
		this.client = null;
	}

	protected async guard<T>(work: (client: EngineClient) => Promise<T>): Promise<T | undefined> {
		if (!this.client) return undefined;
		try {
			return await work(this.client);
		} catch (error) {
			this.report((error as Error).message);
			return undefined;
		}
	}

	protected report(message: string): void {
		if (!this.errors.includes(message)) this.errors = [...this.errors, message];
	}

	private handle(event: EngineEvent): void {
		if (event.type === 'backend') this.backend = event.info;
		else if (event.type === 'dataProgress') this.dataProgress = event.progress;
		else if (event.type === 'error') this.report(event.message);
		else this.receive(event);
	}
}
