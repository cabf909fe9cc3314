/// <reference lib="webworker" />
/**
 * The engine's module worker: all training happens here, never on the main thread.
 * It only wires the Controller to postMessage, through the Outbox that coalesces progress
 * events to what the page can paint; the protocol lives in protocol.ts.
 */
import { selectBackend } from './backend';
import { Controller } from './controller';
import { describeError } from './errors';
import { Outbox } from './outbox';
import type { EngineEvent, Request } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const outbox = new Outbox((event: EngineEvent, transfer: Transferable[] = []) =>
	scope.postMessage(event, transfer)
);
const controller = new Controller(outbox.post, selectBackend);
scope.onmessage = (event: MessageEvent<Request>) => void controller.handle(event.data);
// A promise that failed with nobody waiting: say so, rather than let the page guess.
scope.onunhandledrejection = (event: PromiseRejectionEvent) => {
	event.preventDefault();
	outbox.post({
		type: 'error',
		message: `The training worker hit an error: ${describeError(event.reason)}`
	});
};
