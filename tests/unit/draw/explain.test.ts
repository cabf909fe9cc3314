import { describe, expect, it } from 'vitest';
import { unitContributions } from '$lib/draw/explain';
import { LatestThrottle, type Clock } from '$lib/draw/throttle';

describe('explain', () => {
	it('unitContributions ranks h_j * W2[j, winner] and skips units that add nothing', () => {
		// 3 hidden units, 2 classes: W2 row-major [3, 2].
		const hidden = [2, 0, 1];
		const w2 = [0.5, -1, 9, 9, 3, 0.1];
		const top = unitContributions(hidden, w2, 0, 2, 5);
		expect(top.map((u) => u.unit)).toEqual([2, 0]);
		expect(top[0]).toEqual({ unit: 2, activation: 1, weight: 3, contribution: 3 });
		expect(top[1].contribution).toBe(1);
		// Unit 1 is off (0) so its large weight adds nothing; class 1: unit 0 subtracts.
		expect(unitContributions(hidden, w2, 1, 2).map((u) => u.unit)).toEqual([2]);
	});

	it('unitContributions checks shapes', () => {
		expect(() => unitContributions([1, 2], [1, 2, 3], 0, 2)).toThrow(RangeError);
		expect(() => unitContributions([1], [1, 2], 2, 2)).toThrow(RangeError);
	});
});

describe('LatestThrottle', () => {
	/** A clock that only moves when sleep is called: each sleep jumps straight to its end. */
	function fakeClock(): Clock & { t: number } {
		const clock = {
			t: 0,
			now: () => clock.t,
			sleep: async (ms: number) => {
				clock.t += ms;
			}
		};
		return clock;
	}

	it('keeps one request in flight and processes only the latest waiting value', async () => {
		const clock = fakeClock();
		const seen: { value: number; at: number }[] = [];
		let release: () => void = () => {};
		const throttle = new LatestThrottle<number>(
			async (value) => {
				seen.push({ value, at: clock.t });
				if (value === 1) await new Promise<void>((r) => (release = r));
			},
			100,
			clock
		);
		throttle.push(1);
		await Promise.resolve();
		// While 1 is in flight, 2, 3 and 4 arrive: only 4 should run next.
		throttle.push(2);
		throttle.push(3);
		throttle.push(4);
		expect(seen.map((s) => s.value)).toEqual([1]);
		release();
		await throttle.idle();
		expect(seen.map((s) => s.value)).toEqual([1, 4]);
		// ...and no sooner than 100 ms after the first started.
		expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(100);
	});

	it('cancel drops the waiting value', async () => {
		const clock = fakeClock();
		const seen: number[] = [];
		const throttle = new LatestThrottle<number>(async (v) => void seen.push(v), 100, clock);
		throttle.push(1);
		throttle.push(2);
		throttle.cancel();
		await throttle.idle();
		expect(seen.length).toBeLessThanOrEqual(1);
		expect(seen).not.toContain(2);
	});

	it('keeps going after a failed request', async () => {
		const clock = fakeClock();
		const seen: number[] = [];
		const throttle = new LatestThrottle<number>(
			async (v) => {
				seen.push(v);
				if (v === 1) throw new Error('worker closed');
			},
			100,
			clock
		);
		throttle.push(1);
		await throttle.idle();
		throttle.push(2);
		await throttle.idle();
		expect(seen).toEqual([1, 2]);
	});
});
