/**
 * The page's side of the protocol: one worker, one listener, replies matched to requests by id.
 * Components never touch the Worker; they go through a client (one per page).
 */
import type { EngineEvent, ReplyOf, RequestPayload, RequestType } from './protocol';

type Listener = (event: EngineEvent) => void;

interface Pending {
	resolve: (value: never) => void;
	reject: (error: Error) => void;
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
			this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
			this.worker.postMessage({ id, type, ...payload }, transfer);
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
			if (event.ok) waiting?.resolve(event.result as never);
			else waiting?.reject(new Error(event.error));
			return;
		}
		for (const listener of this.listeners) listener(event);
	}

	private fail(message: string): void {
		for (const waiting of this.pending.values()) waiting.reject(new Error(message));
		this.pending.clear();
		for (const listener of this.listeners) listener({ type: 'error', message });
	}
}
