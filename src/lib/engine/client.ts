/**
 * The page's side of the protocol: one worker, one listener, replies matched to requests by id.
 * Components never touch the Worker; they go through a client (one per page).
 *
 * It also watches the worker. A worker can fail to start (its script missing, a browser without
 * module workers), stop (closed or crashed), stop answering (stuck), or send a message that cannot
 * be read. Each of these ends the client: the worker is terminated, every waiting request fails
 * with a WorkerLostError, and listeners get one `workerLost` event naming the real cause, so the
 * page can start a fresh worker. An uncaught error in a worker that goes on answering is only
 * reported (an `error` event): the worker is not lost.
 */
import { Heartbeat, type HeartbeatOptions } from './heartbeat';
import {
	isReplyTo,
	type EngineEvent,
	type FailedReply,
	type ReplyEvent,
	type ReplyOf,
	type RequestOf,
	type RequestPayload,
	type RequestType
} from './protocol';
import { startFailureWords } from './workerFailure';
// The worker's address as a string too, so a worker that fails to start can be looked into.
import engineWorkerUrl from './engine.worker.ts?worker&url';

export type LostKind = 'failed-to-start' | 'unresponsive' | 'unreadable';
/** The worker is gone, and why, in the learner's words. */
export interface WorkerLost {
	type: 'workerLost';
	kind: LostKind;
	cause: string;
}
export type ClientEvent = EngineEvent | WorkerLost;
type Listener = (event: ClientEvent) => void;

/** A request that failed because its worker is gone (the workerLost event says why, once). */
export class WorkerLostError extends Error {
	override name = 'WorkerLostError';
}

/** What the client needs of a Worker (tests give it a fake one). */
export interface WorkerLike {
	postMessage(message: unknown, transfer: Transferable[]): void;
	terminate(): void;
	onmessage: ((event: MessageEvent) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	onmessageerror: ((event: MessageEvent) => void) | null;
}

/** Requests that may rightly take minutes (a download at 1 Mbit/s, a 200-epoch run): the heartbeat watches those. */
const UNTIMED: ReadonlySet<RequestType> = new Set(['init', 'loadData', 'train', 'step']);
/** Any other request unanswered this long fails (the worker may still be alive). */
export const REQUEST_TIMEOUT_MS = 120_000;

export interface ClientOptions {
	heartbeat?: HeartbeatOptions;
	requestTimeoutMs?: number;
	/** Words for a worker that failed before saying anything (the error's own message, if any). */
	startFailure?: (message: string) => Promise<string>;
}

/** A request waiting for its reply: settles its promise with that reply's own result type. */
interface Pending {
	settle(reply: ReplyEvent | FailedReply): void;
	fail(error: Error): void;
}

export class EngineClient {
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private readonly listeners = new Set<Listener>();
	private readonly heartbeat: Heartbeat;
	/** Set once the worker said anything: it started. */
	private started = false;
	private lost: string | null = null;

	constructor(
		private readonly worker: WorkerLike,
		private readonly options: ClientOptions = {}
	) {
		worker.onmessage = (message: MessageEvent<EngineEvent>) => this.receive(message.data);
		worker.onerror = (event) => this.onError(event);
		worker.onmessageerror = () =>
			this.lose('unreadable', 'A message from the training worker could not be read.');
		this.heartbeat = new Heartbeat(
			() => void this.request('ping', {}).catch(() => undefined),
			(silent) =>
				this.lose(
					'unresponsive',
					`The training worker stopped answering (nothing for ${Math.round(silent / 1000)} s).`
				),
			options.heartbeat
		);
		this.heartbeat.start();
	}

	/** Only in the browser: prerendering runs module code in node, where Worker does not exist. */
	static create(): EngineClient {
		const worker = new Worker(engineWorkerUrl, { type: 'module' });
		const url = new URL(engineWorkerUrl, location.href).href;
		return new EngineClient(worker, { startFailure: (m) => startFailureWords(url, m) });
	}

	request<T extends RequestType>(
		type: T,
		payload: RequestPayload<T>,
		transfer: Transferable[] = []
	): Promise<ReplyOf<T>> {
		if (this.lost !== null) return Promise.reject(new WorkerLostError(this.lost));
		const id = this.nextId++;
		return new Promise<ReplyOf<T>>((resolve, reject) => {
			const limit = this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
			const timer = UNTIMED.has(type)
				? null
				: setTimeout(() => {
						this.pending.delete(id);
						reject(
							new Error(
								`The training worker did not answer a ${type} request in ${Math.round(limit / 1000)} s.`
							)
						);
					}, limit);
			this.pending.set(id, {
				settle(reply) {
					if (timer !== null) clearTimeout(timer);
					if (!reply.ok) reject(new Error(reply.error));
					else if (isReplyTo(type, reply)) resolve(reply.result);
					else reject(new Error(`The worker answered a ${type} request as ${reply.request}.`));
				},
				fail(error) {
					if (timer !== null) clearTimeout(timer);
					reject(error);
				}
			});
			const message: RequestOf<T> = { id, type, ...payload };
			this.worker.postMessage(message, transfer);
		});
	}

	on(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** The page is done with this worker (leaving, or replacing it): no event, no message. */
	terminate(): void {
		this.end('The training worker was closed.');
	}

	private receive(event: EngineEvent): void {
		this.started = true;
		this.heartbeat.heard();
		if (event.type === 'reply') {
			const waiting = this.pending.get(event.id);
			this.pending.delete(event.id);
			waiting?.settle(event);
			return;
		}
		this.emit(event);
	}

	private onError(event: ErrorEvent): void {
		event.preventDefault();
		// A script that could not be fetched fires a plain Event; a thrown error an ErrorEvent.
		const message = String((event as Partial<ErrorEvent>).message ?? '');
		if (this.started) {
			// It has run: an error thrown outside a request. It keeps answering, so it is not lost.
			this.emit({
				type: 'error',
				message: `The training worker hit an error: ${message || 'no details were given'}.`
			});
			return;
		}
		const words = this.options.startFailure?.(message) ?? Promise.resolve(message);
		void words.then((cause) =>
			this.lose('failed-to-start', cause || 'The training worker could not start.')
		);
	}

	private lose(kind: LostKind, cause: string): void {
		if (this.lost !== null) return;
		this.end(cause);
		this.emit({ type: 'workerLost', kind, cause });
	}

	private end(cause: string): void {
		if (this.lost !== null) return;
		this.lost = cause;
		this.heartbeat.stop();
		this.worker.terminate();
		for (const waiting of this.pending.values()) waiting.fail(new WorkerLostError(cause));
		this.pending.clear();
	}

	private emit(event: ClientEvent): void {
		for (const listener of this.listeners) listener(event);
	}
}
