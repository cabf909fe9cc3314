/**
 * The worker's outbox: progress events coalesced to at most one send per 50 ms, in order, and
 * flushed before anything else so the page never sees a status before the losses that led to it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, RunPosition } from '$lib/engine/protocol';
import { FLUSH_MS, Outbox } from '$lib/engine/outbox';

const at = (stepsDone: number, epochsDone = 0): RunPosition => ({
	epochsDone,
	batchInEpoch: stepsDone % 10,
	batchesPerEpoch: 10,
	stepsDone,
	trainCount: 100
});

function losses(firstStep: number, count: number): EngineEvent {
	return {
		type: 'losses',
		firstStep,
		values: Float32Array.from({ length: count }, (_, i) => firstStep + i),
		gradNorms: Float32Array.from({ length: 2 * count }, (_, i) => i),
		paramNames: ['weights', 'bias'],
		position: at(firstStep + count - 1)
	};
}

function setup() {
	const sent: { event: EngineEvent; transfer: Transferable[] }[] = [];
	const outbox = new Outbox((event, transfer = []) => sent.push({ event, transfer }));
	return { sent, outbox, types: () => sent.map((s) => s.event.type) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Outbox', () => {
	it('merges consecutive loss groups into one message sent within 50 ms, the newest position', () => {
		const { sent, outbox } = setup();
		for (let i = 0; i < 100; i++) outbox.post(losses(1 + i, 1));
		expect(sent).toHaveLength(0);
		vi.advanceTimersByTime(FLUSH_MS);
		expect(sent).toHaveLength(1);
		const merged = sent[0].event as Extract<EngineEvent, { type: 'losses' }>;
		expect(merged.firstStep).toBe(1);
		expect(Array.from(merged.values)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
		expect(merged.gradNorms).toHaveLength(200);
		expect(merged.position.stepsDone).toBe(100);
		expect(sent[0].transfer).toEqual([merged.values.buffer, merged.gradNorms.buffer]);
	});

	it('sends what waits before a status or a reply, epochs first, with the newest position', () => {
		const { sent, outbox, types } = setup();
		outbox.post(losses(1, 10));
		outbox.post({ type: 'epoch', metrics: {} as never, position: at(10, 1) });
		outbox.post(losses(11, 3));
		outbox.post({ type: 'status', status: 'paused', position: at(13, 1) });
		expect(types()).toEqual(['epoch', 'losses', 'status']);
		const merged = sent[1].event as Extract<EngineEvent, { type: 'losses' }>;
		expect(merged.values).toHaveLength(13);
		expect(merged.position.stepsDone).toBe(13);
		vi.advanceTimersByTime(FLUSH_MS * 4);
		expect(sent).toHaveLength(3);
	});

	it('keeps a restarted numbering apart, and only the newest download progress', () => {
		const { sent, outbox, types } = setup();
		outbox.post(losses(1, 5));
		outbox.post(losses(1, 2)); // a reset in between: step 1 again
		for (let loaded = 0; loaded <= 1000; loaded += 100) {
			outbox.post({
				type: 'dataProgress',
				progress: { loadedBytes: loaded, totalBytes: 1000, stage: 'downloading' }
			});
		}
		vi.advanceTimersByTime(FLUSH_MS);
		expect(types()).toEqual(['losses', 'losses', 'dataProgress']);
		expect(sent.map((s) => ('firstStep' in s.event ? s.event.firstStep : null))).toEqual([
			1,
			1,
			null
		]);
		expect(sent[2].event).toMatchObject({ progress: { loadedBytes: 1000 } });
	});

	it('sends the last progress of a stage before the next stage replaces it', () => {
		const { sent, outbox, types } = setup();
		const progress = (loadedBytes: number, stage: 'downloading' | 'checking') => ({
			type: 'dataProgress' as const,
			progress: { loadedBytes, totalBytes: 1000, stage }
		});
		outbox.post(progress(500, 'downloading'));
		outbox.post(progress(1000, 'downloading'));
		outbox.post(progress(1000, 'checking'));
		vi.advanceTimersByTime(FLUSH_MS);
		expect(types()).toEqual(['dataProgress', 'dataProgress']);
		expect(sent.map((s) => ('progress' in s.event ? s.event.progress : null))).toEqual([
			{ loadedBytes: 1000, totalBytes: 1000, stage: 'downloading' },
			{ loadedBytes: 1000, totalBytes: 1000, stage: 'checking' }
		]);
	});
});
