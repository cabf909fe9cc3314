/**
 * Turns protocol requests into replies: each request goes to its handler (handlers.ts), and
 * exactly one reply with the request's id goes back, its result or the error as the learner
 * reads it. DOM-free: the worker wires it to postMessage, and tests can drive it directly.
 */
import type { BackendPreference } from './config';
import { describeError } from './errors';
import { createHandlers } from './handlers';
import type { BackendInfo, ReplyEvent, RequestHandlers, RequestOf, RequestType } from './protocol';
import { Session, type Post } from './session';

export class Controller {
	private readonly handlers: RequestHandlers;

	constructor(
		private readonly post: Post,
		selectBackend: (preference: BackendPreference) => Promise<BackendInfo>
	) {
		this.handlers = createHandlers(new Session(post), selectBackend);
	}

	/** Answers one request (from the worker's onmessage, or a test) with exactly one reply. */
	async handle<T extends RequestType>(message: RequestOf<T>): Promise<void> {
		try {
			const reply = await this.answer(message);
			this.post(reply, transferables(reply.result));
		} catch (error) {
			const text = describeError(error);
			this.post({ type: 'reply', id: message.id, request: message.type, ok: false, error: text });
		}
	}

	private async answer<T extends RequestType>(message: RequestOf<T>): Promise<ReplyEvent<T>> {
		const handler: RequestHandlers[T] = this.handlers[message.type];
		const result = await handler(message);
		return { type: 'reply', id: message.id, request: message.type, ok: true, result };
	}
}

/** Every typed array in a reply is a private copy, so its buffer can move instead of being copied. */
function transferables(value: unknown, found: Transferable[] = []): Transferable[] {
	if (ArrayBuffer.isView(value)) {
		if (!found.includes(value.buffer as ArrayBuffer)) found.push(value.buffer as ArrayBuffer);
	} else if (Array.isArray(value)) {
		for (const item of value) transferables(item, found);
	} else if (value && typeof value === 'object') {
		for (const item of Object.values(value)) transferables(item, found);
	}
	return found;
}
