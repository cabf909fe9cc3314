import { describe, expect, it } from 'vitest';
import { afterNextPaint, FRAME_WAIT_LIMIT_MS } from '$lib/afterPaint';

/** A frame source and a timer queue driven by hand. */
function fakeClock() {
	const frames: (() => void)[] = [];
	const timers: { run: () => void; ms: number }[] = [];
	return {
		frames,
		timers,
		frame: (callback: () => void) => frames.push(callback),
		later: (run: () => void, ms: number) => timers.push({ run, ms })
	};
}

describe('afterNextPaint', () => {
	it('resolves in the task after the next frame, not before it', async () => {
		const clock = fakeClock();
		let done = false;
		void afterNextPaint(clock.frame, clock.later).then(() => (done = true));
		expect(clock.frames).toHaveLength(1);
		expect(clock.timers.map((t) => t.ms)).toEqual([FRAME_WAIT_LIMIT_MS]);
		clock.frames[0]();
		await Promise.resolve();
		expect(done).toBe(false);
		expect(clock.timers.map((t) => t.ms)).toEqual([FRAME_WAIT_LIMIT_MS, 0]);
		clock.timers[1].run();
		await Promise.resolve();
		expect(done).toBe(true);
	});

	it('resolves after the limit when no frame comes (a page opened in a background tab)', async () => {
		const clock = fakeClock();
		let done = false;
		void afterNextPaint(clock.frame, clock.later).then(() => (done = true));
		clock.timers[0].run();
		await Promise.resolve();
		expect(done).toBe(true);
	});
});
