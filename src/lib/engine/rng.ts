/**
 * One seeded pseudo-random generator for every random draw in a run (initialisation and
 * shuffling), so that the same recipe and seed give the same run on the same backend.
 *
 * mulberry32: 32 bits of state, fast, and good enough for initialising weights and shuffling;
 * it is not for cryptography. Independent streams (one for the weights, one per epoch's shuffle)
 * are derived from the seed with a hash, so changing the initial std does not change the
 * batch order, and epoch k's order can be rebuilt without replaying epochs 1..k-1.
 */
export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [lo, hi). */
	uniform(lo: number, hi: number): number;
	/** Standard normal, by the Box-Muller transform. */
	normal(): number;
}

/** Mixes a seed and a stream label into a well-spread 32-bit state (splitmix-style finaliser). */
export function deriveSeed(seed: number, stream: number): number {
	let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream | 0, 0x85ebca6b)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
	h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
	return (h ^ (h >>> 15)) >>> 0;
}

export function createRng(seed: number, stream = 0): Rng {
	let state = deriveSeed(seed, stream);
	const next = (): number => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	let spare: number | null = null;
	return {
		next,
		uniform: (lo, hi) => lo + (hi - lo) * next(),
		normal() {
			if (spare !== null) {
				const value = spare;
				spare = null;
				return value;
			}
			// 1 - next() is in (0, 1], so the logarithm is finite.
			const radius = Math.sqrt(-2 * Math.log(1 - next()));
			const angle = 2 * Math.PI * next();
			spare = radius * Math.sin(angle);
			return radius * Math.cos(angle);
		}
	};
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(
	items: T,
	rng: Rng
): T {
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(rng.next() * (i + 1));
		const tmp = items[i];
		items[i] = items[j];
		items[j] = tmp;
	}
	return items;
}

/** Stream labels, so that every kind of draw has its own sequence. */
export const STREAM = { init: 1, shuffle: 1000 } as const;
