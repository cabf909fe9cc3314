/**
 * The reply seam is typed end to end, and these lines are checked by `npm run check` (svelte-check
 * type-checks tests/): each `@ts-expect-error` must meet a real error, or the check fails. A
 * handler that returns another request's reply, a reply event carrying the wrong result, or a
 * client reading a result without checking which request it answers does not compile.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
	isReplyTo,
	type EngineEvent,
	type ReplyEvent,
	type ReplyOf,
	type RequestHandlers,
	type RunPosition,
	type StepReport
} from '$lib/engine/protocol';

describe('the typed reply seam', () => {
	it('gives each handler its own request payload and reply', () => {
		expectTypeOf<RequestHandlers['train']>().parameter(0).toEqualTypeOf<{ epochs: number }>();
		expectTypeOf<RequestHandlers['train']>().returns.toEqualTypeOf<Promise<RunPosition>>();
		expectTypeOf<RequestHandlers['step']>().returns.toEqualTypeOf<Promise<StepReport>>();
		expectTypeOf<ReplyEvent<'memory'>['result']>().toEqualTypeOf<ReplyOf<'memory'>>();
	});

	it('refuses a handler returning the wrong reply', () => {
		const position: RunPosition = {
			epochsDone: 0,
			batchInEpoch: 0,
			batchesPerEpoch: 1,
			stepsDone: 0,
			trainCount: 1
		};
		const train: RequestHandlers['train'] = async () => position;
		// @ts-expect-error: memory must reply { numTensors, numBytes }, not a run position
		const memory: RequestHandlers['memory'] = async () => position;
		const reply: ReplyEvent<'train'> = {
			type: 'reply',
			id: 1,
			request: 'train',
			ok: true,
			// @ts-expect-error: a reply event for train carries a RunPosition
			result: 3
		};
		expect([train, memory, reply]).toHaveLength(3);
	});

	it('lets the client read a result only once it knows which request it answers', () => {
		const event: EngineEvent = {
			type: 'reply',
			id: 7,
			request: 'memory',
			ok: true,
			result: { numTensors: 2, numBytes: 64 }
		};
		if (event.type !== 'reply' || !event.ok) throw new Error('expected a reply');
		// @ts-expect-error: without the check, the result could be any request's reply
		const unchecked: ReplyOf<'memory'> = event.result;
		expect(unchecked).toBeDefined();
		expect(isReplyTo('train', event)).toBe(false);
		if (!isReplyTo('memory', event)) throw new Error('expected a memory reply');
		expectTypeOf(event.result).toEqualTypeOf<ReplyOf<'memory'>>();
		expect(event.result.numTensors).toBe(2);
	});
});
