import { describe, expect, it } from 'vitest';
import lesson from '$content/lessons/01-mnist/lesson';
import type { Mnist, MnistStep } from '$content/lessons/01-mnist/shared/session';
import { nextBatchPlace } from '$content/lessons/01-mnist/shared/batches';
import {
	blankBand,
	blankPixels,
	galleryRange,
	ordinal
} from '$content/lessons/01-mnist/steps/01-data/gallery';
import { firstInk, inkBand, nextFocus } from '$content/lessons/01-mnist/steps/02-flatten/unroll';
import { nextRecipe, MAX_SEED } from '$content/lessons/01-mnist/steps/03-init/reseed';
import { largestInStds } from '$content/lessons/01-mnist/steps/03-init/weightStats';
import { paintedRegion } from '$content/lessons/01-mnist/steps/06-gradient/gradient';
import { NOTEBOOK_RECIPE } from '$content/lessons/01-mnist/notebook';

const step = (slug: string) => lesson.steps.find((s) => s.slug === slug)! as MnistStep;

/** A session as far as a reveal reads it: the run's state, the shared state, step states. */
function fakeSession(parts: {
	shared?: Record<string, unknown>;
	run?: Record<string, unknown>;
	state?: unknown;
}): Mnist {
	return {
		shared: parts.shared ?? {},
		run: { position: null, weights: null, ...parts.run },
		config: NOTEBOOK_RECIPE,
		stepState: () => parts.state
	} as unknown as Mnist;
}

describe('step 1: more digits, and how much of a digit is blank', () => {
	it('names which ten of each class', () => {
		expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
			'1st',
			'2nd',
			'3rd',
			'4th',
			'11th',
			'12th',
			'13th',
			'21st',
			'22nd',
			'101st',
			'111th'
		]);
		expect(galleryRange(10)).toBe('the 11th to 20th');
	});

	it('counts blank pixels and bands them', () => {
		const bytes = new Uint8Array(784);
		bytes.fill(200, 0, 150);
		expect(blankPixels(bytes)).toBe(634);
		expect([399, 400, 600, 601, 634].map(blankBand)).toEqual([
			'few',
			'half',
			'half',
			'most',
			'most'
		]);
	});

	it('reveals the live digit’s own count', () => {
		const pixels = new Uint8Array(2 * 784);
		pixels.fill(9, 784, 784 + 300);
		const session = fakeSession({
			shared: { gallery: { pixels, labels: [0, 4] }, galleryIndices: [1, 26], focus: 1 }
		});
		const reveal = step('data').question!.reveal(session)!;
		expect(reveal.answer).toBe('half');
		expect(reveal.why).toContain('This 4 (training image 26) has 484 pixels at 0 and 300 with ink');
	});
});

describe('step 2: where the first ink lands', () => {
	it('finds the first inked pixel and its row and column', () => {
		const bytes = new Uint8Array(784);
		bytes[5 * 28 + 12] = 1;
		expect(firstInk(bytes)).toEqual({ position: 152, row: 5, column: 12 });
		expect(firstInk(new Uint8Array(784))).toBeNull();
		expect([0, 3, 4, 7, 8, 20].map(inkBand)).toEqual([
			'top',
			'top',
			'upper',
			'upper',
			'lower',
			'lower'
		]);
	});

	it('flattens the next class, then the next example of the first class', () => {
		expect(nextFocus(0)).toBe(10);
		expect(nextFocus(93)).toBe(4);
		expect(nextFocus(99)).toBe(0);
	});
});

describe('step 3: the next seed, and the largest weight', () => {
	it('draws the form’s recipe when it was changed, else the next seed', () => {
		const config = { ...NOTEBOOK_RECIPE, seed: 4 };
		expect(nextRecipe(config, { initStd: 1, seed: 4 }).seed).toBe(5);
		expect(nextRecipe(config, { initStd: 0.01, seed: 4 })).toMatchObject({
			initStd: 0.01,
			seed: 4
		});
		expect(nextRecipe(config, { initStd: 1, seed: 9 }).seed).toBe(9);
		expect(nextRecipe({ ...config, seed: MAX_SEED }, { initStd: 1, seed: MAX_SEED }).seed).toBe(0);
	});

	it('measures the largest weight in stds', () => {
		expect(largestInStds([0.01, -0.02, 0.039], 0.01)).toMatchObject({ nearest: 4 });
		expect(largestInStds([0.5, 2.1, -3], 1)).toMatchObject({ largest: 2.1, nearest: 2 });
		expect(largestInStds([1.2, 0.3], 1).nearest).toBe(1);
	});
});

describe('step 6: which pixels a gradient colours', () => {
	const grad = (painted: (i: number) => boolean) =>
		Float32Array.from({ length: 7840 }, (_, k) => (painted(Math.floor(k / 10)) ? 0.01 : 0));

	it('every pixel, the border only, or where the batch has ink', () => {
		expect(
			paintedRegion(
				grad(() => true),
				28,
				10
			)
		).toEqual({ region: 'all', painted: 784, blank: 0 });
		expect(
			paintedRegion(
				grad((i) => i < 28),
				28,
				10
			).region
		).toBe('border');
		const ink = paintedRegion(
			grad((i) => i % 28 > 8 && i % 28 < 20 && i > 200 && i < 600),
			28,
			10
		);
		expect(ink.region).toBe('ink');
		expect(ink.painted + ink.blank).toBe(784);
	});

	it('reveals the run’s own count of white pixels', () => {
		const values = grad((i) => i % 28 > 8 && i % 28 < 20 && i > 200 && i < 600);
		const session = fakeSession({
			shared: {
				gradient: {
					size: 256,
					place: nextBatchPlace({
						epochsDone: 0,
						batchInEpoch: 1,
						batchesPerEpoch: 235,
						stepsDone: 1,
						trainCount: 60000
					}),
					gradients: [{ name: 'weights', shape: [784, 10], values }]
				}
			}
		});
		const reveal = step('gradient').question!.reveal(session)!;
		const blank = paintedRegion(values, 28, 10).blank;
		expect(reveal.answer).toBe('ink');
		expect(reveal.why).toContain(`and ${blank} stay white`);
		expect(reveal.why).toContain('all 256 digits of batch 2');
	});
});

describe('steps 4, 5 and 7 reveal the run’s own numbers', () => {
	it('step 4: the largest logit, against the true digit’s', () => {
		const logits = Float32Array.from([1, 2, 9.5, 0, 0, 0, 0, 3, 0, 0]);
		const session = fakeSession({
			shared: { digit: { index: 17, label: 7, logits } },
			run: { position: { stepsDone: 0 } }
		});
		const reveal = step('predict').question!.reveal(session)!;
		expect(reveal.answer).toBe('2');
		expect(reveal.why).toContain("test digit #17, a 7, the largest logit is 2's, 9.50");
		expect(reveal.why).toContain('against 3.00 for the true 7: with random weights');
	});

	it('step 5: above or below ln 10 from the measured loss', () => {
		const place = nextBatchPlace({
			epochsDone: 0,
			batchInEpoch: 0,
			batchesPerEpoch: 235,
			stepsDone: 0,
			trainCount: 60000
		});
		const ask = (loss: number) =>
			step('loss').question!.reveal(fakeSession({ shared: { batchLoss: { loss, place } } }))!;
		expect(ask(14.73)).toMatchObject({ answer: 'above' });
		expect(ask(14.73).why).toContain("Batch 1's mean loss is 14.73, above ln 10 = 2.30");
		expect(ask(1.2).answer).toBe('below');
		expect(step('loss').question!.reveal(fakeSession({ shared: { batchLoss: null } }))).toBeNull();
	});

	it('step 7: up or down from the step’s before and after', () => {
		const report = (before: number, after: number) => ({
			view: {
				report: {
					lr: 10,
					lossBefore: before,
					lossAfter: after,
					position: {
						epochsDone: 0,
						batchInEpoch: 24,
						batchesPerEpoch: 235,
						stepsDone: 24,
						trainCount: 60000
					}
				}
			}
		});
		const up = step('step').question!.reveal(fakeSession({ state: report(3.2, 9.9) }))!;
		expect(up.answer).toBe('up');
		expect(up.why).toContain("Batch 24's loss went from 3.2 to 9.9");
		expect(step('step').question!.reveal(fakeSession({ state: report(3, 1) }))!.answer).toBe(
			'down'
		);
	});
});
