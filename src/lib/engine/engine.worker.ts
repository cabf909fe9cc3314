/// <reference lib="webworker" />
/**
 * The engine's module worker: all training happens here, never on the main thread.
 * It only wires the Controller to postMessage; the protocol lives in protocol.ts.
 */
import { selectBackend } from './backend';
import { Controller } from './controller';
import type { EngineEvent, Request } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(event: EngineEvent, transfer: Transferable[] = []): void {
	scope.postMessage(event, transfer);
}

const controller = new Controller(post, selectBackend);
scope.onmessage = (event: MessageEvent<Request>) => void controller.handle(event.data);
