/**
 * The page's link to its engine worker, before any run: the client, the backend it chose, the
 * MNIST download (with Retry after a failure), the messages the learner must read, and the
 * guard that turns a failed request into one of those messages. RunState builds the run on top.
 *
 * When the worker is lost (the client says why: it stopped, stopped answering, or never started)
 * the link says so, starts a fresh worker, loads the data again (from the browser's cache) and
 * lets RunState bring the run back; nothing stays "training" and no button stays stuck. A worker
 * that cannot start, or a second loss before the new one is ready, waits for the learner's Retry.
 */
import type { ClientEvent, EngineClient, WorkerLost } from '../engine/client';
import type { BackendPreference } from '../engine/config';
import {
	NEEDS_IDLE,
	type BackendInfo,
	type EngineEvent,
	type ReplyOf,
	type RequestPayload,
	type RequestType
} from '../engine/protocol';
import type { DataProgress } from '../data/mnist';
import { announceData } from '../offline/messages';
import { TrainingNotes } from './trainingNotes';

export abstract class EngineLink {
	backend = $state<BackendInfo | null>(null);
	dataProgress = $state<DataProgress | null>(null);
	dataReady = $state(false);
	errors = $state.raw<string[]>([]);
	/** The message of a failed data load, which Retry answers; null when there is none. */
	dataError = $state<string | null>(null);
	/** The message of a worker that could not be started again, which Retry answers. */
	workerError = $state<string | null>(null);
	/** True while a new worker replaces a lost one. */
	restarting = $state(false);
	/** Whether this page shows a Pause button (a lesson step has none): the words name it only then. */
	pauseShown = true;
	/** Messages true only while the run trains: they go when it stops (noTrainingNow). */
	private readonly trainingNotes = new TrainingNotes();
	readonly dataFraction = $derived(
		this.dataProgress
			? this.dataProgress.loadedBytes / Math.max(1, this.dataProgress.totalBytes)
			: 0
	);
	/** Retry beside a failed download's or a failed worker's message (MessageList's `retry`). */
	readonly retry = {
		applies: (message: string) => message === this.dataError || message === this.workerError,
		retry: () => void (this.workerError !== null ? this.restartWorker() : this.retryData())
	};

	protected client: EngineClient | null = null;
	private backendChoice: BackendPreference = 'auto';
	private dataUrl = '';
	/** Workers lost since one was last ready: after the second, the learner decides. */
	private lostInARow = 0;
	private markReady: () => void = () => {};
	private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

	/**
	 * What to do once the data is loaded, before the link counts as ready: make a run, or bring
	 * it back in a worker that replaced a lost one. Returns what became of the run, in words.
	 */
	protected abstract whenDataLoaded(): Promise<string>;
	/** The worker is gone: nothing trains any more. */
	protected abstract workerGone(): void;
	/** Every event the link itself does not handle. */
	protected abstract receive(event: EngineEvent): void;

	/** Starts the worker, picks the backend and loads the data. */
	protected async connect(backend: BackendPreference, dataUrl: string): Promise<void> {
		this.backendChoice = backend;
		this.dataUrl = dataUrl;
		await this.startWorker();
	}

	/** Resolves to what became of the run once the new worker is ready, undefined if it is not. */
	private async startWorker(): Promise<string | undefined> {
		// Tells the service worker to wait: it keeps the data files once this download is over.
		announceData('loading');
		try {
			const { EngineClient } = await import('../engine/client');
			const client = EngineClient.create();
			this.client = client;
			client.on((event) => {
				if (this.client === client) this.handle(event);
			});
			const started = await this.guard((c) =>
				c.request('init', { backend: this.backendChoice, dataUrl: this.dataUrl })
			);
			return started === undefined ? undefined : await this.loadData();
		} finally {
			announceData('settled');
		}
	}

	/** Loads the data again after a failed download, without a reload (the Retry button). */
	async retryData(): Promise<void> {
		const failed = this.dataError;
		if (failed === null || this.dataReady) return;
		this.dataError = null;
		this.forget(failed);
		this.dataProgress = null;
		announceData('loading');
		await this.loadData().finally(() => announceData('settled'));
	}

	/** Starts a new worker after one could not start (the Retry button). */
	async restartWorker(): Promise<void> {
		const failed = this.workerError;
		if (failed === null) return;
		this.workerError = null;
		this.forget(failed);
		await this.replaceWorker(null);
	}

	private loadData(): Promise<string | undefined> {
		return this.guard(async (client) => {
			await client.request('loadData', { dataUrl: this.dataUrl }).catch((error: Error) => {
				if (error.name !== 'WorkerLostError') this.dataError = error.message;
				if (this.dataProgress) this.dataProgress = { ...this.dataProgress, stage: 'stopped' };
				throw error;
			});
			this.dataReady = true;
			const words = await this.whenDataLoaded();
			this.lostInARow = 0;
			this.markReady();
			return words;
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
			const { name, message } = error as Error;
			// A lost worker is told once, by its workerLost event, not by every request it dropped.
			if (name === 'WorkerLostError') return undefined;
			if (message === NEEDS_IDLE) this.report(this.trainingNotes.note(this.pauseShown));
			else this.report(message);
			return undefined;
		}
	}

	/** The run stopped training: the messages that said it was training are no longer true. */
	protected noTrainingNow(): void {
		const kept = this.trainingNotes.stopped(this.errors);
		if (kept !== this.errors) this.errors = kept;
	}

	protected report(message: string): void {
		if (!this.errors.includes(message)) this.errors = [...this.errors, message];
	}

	private forget(message: string): void {
		this.errors = this.errors.filter((m) => m !== message);
	}

	/** The worker is gone: say why, and start a new one (or, the second time, let Retry). */
	private async lose(lost: WorkerLost): Promise<void> {
		this.client = null;
		this.dataReady = false;
		this.workerGone();
		this.lostInARow++;
		if (lost.kind === 'failed-to-start' || this.lostInARow > 1) {
			this.workerError = `${lost.cause} Press Retry to start a new training worker.`;
			this.report(this.workerError);
			return;
		}
		await this.replaceWorker(lost.cause);
	}

	private async replaceWorker(cause: string | null): Promise<void> {
		const note = cause === null ? null : `${cause} Starting a new training worker…`;
		if (note) this.report(note);
		this.restarting = true;
		this.dataProgress = null;
		this.backend = null;
		try {
			const words = await this.startWorker();
			if (note) this.forget(note);
			if (cause && words !== undefined) this.report(`${cause} ${words || 'A new worker started.'}`);
		} finally {
			this.restarting = false;
		}
	}

	private handle(event: ClientEvent): void {
		if (event.type === 'workerLost') void this.lose(event);
		else if (event.type === 'backend') this.backend = event.info;
		else if (event.type === 'dataProgress') this.dataProgress = event.progress;
		else if (event.type === 'error') this.report(event.message);
		else this.receive(event);
	}
}
