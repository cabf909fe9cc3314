/**
 * The page's side of the protocol: one worker, one listener, replies matched to requests by id.
 * Components never touch the Worker; they go through a client (one per page).
 */
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

type Listener = (event: EngineEvent) => void;

/** A request waiting for its reply: settles its promise with that reply's own result type. */
interface Pending {
	settle(reply: ReplyEvent | FailedReply): void;
	fail(error: Error): void;
}

export class EngineClient {
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private readonly listeners = new Set<Listener>();

	constructor(private readonly worker: Worker) {
		worker.onmessage = (message: MessageEvent<EngineEvent>) => this.receive(message.data);
		worker.onerror = (event) => {
			event.preventDefault();
			this.fail(
				`The training worker stopped: ${event.message || 'it could not start in this browser'}`
			);
		};
		worker.onmessageerror = () =>
			this.fail('A message from the training worker could not be read.');
	}

	/** Only in the browser: prerendering runs module code in node, where Worker does not exist. */
	static create(): EngineClient {
		const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
		return new EngineClient(worker);
	}

	request<T extends RequestType>(
		type: T,
		payload: RequestPayload<T>,
		transfer: Transferable[] = []
	): Promise<ReplyOf<T>> {
		const id = this.nextId++;
		return new Promise<ReplyOf<T>>((resolve, reject) => {
			this.pending.set(id, {
				settle(reply) {
					if (!reply.ok) reject(new Error(reply.error));
					else if (isReplyTo(type, reply)) resolve(reply.result);
					else reject(new Error(`The worker answered a ${type} request as ${reply.request}.`));
				},
				fail: reject
			});
			const message: RequestOf<T> = { id, type, ...payload };
			this.worker.postMessage(message, transfer);
		});
	}

	on(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	terminate(): void {
		this.worker.terminate();
		this.fail('The training worker was closed.');
	}

	private receive(event: EngineEvent): void {
		if (event.type === 'reply') {
			const waiting = this.pending.get(event.id);
			this.pending.delete(event.id);
			waiting?.settle(event);
			return;
		}
		for (const listener of this.listeners) listener(event);
	}

	private fail(message: string): void {
		for (const waiting of this.pending.values()) waiting.fail(new Error(message));
		this.pending.clear();
		for (const listener of this.listeners) listener({ type: 'error', message });
	}
}
