/**
 * From a saved run to the engine's restore request (the unfinished epoch's losses so far), which
 * saved run a page brings back on opening, and the lesson's place read back safely.
 */
import { describe, expect, it } from 'vitest';
import { readLessonPlace } from '$lib/persist/lessonPlace';
import { toRecord } from '$lib/persist/record';
import { epochLossesOf, restoreRequest, restoresOnOpen, sameRecipe } from '$lib/persist/resume';
import { runInput } from './fixtures';

describe('restoreRequest', () => {
	it('carries the position, weights and history, and sums the unfinished epoch’s losses', () => {
		// 10 batches an epoch, saved 3 batches into epoch 3: losses of steps 21, 22, 23.
		const record = toRecord(
			runInput({
				position: {
					epochsDone: 2,
					batchInEpoch: 3,
					batchesPerEpoch: 10,
					stepsDone: 23,
					trainCount: 600
				},
				lossSteps: Array.from({ length: 24 }, (_, i) => i + 1),
				lossValues: Array.from({ length: 24 }, (_, i) => i + 1)
			}),
			0
		);
		expect(epochLossesOf(record)).toEqual({ sum: 21 + 22 + 23, count: 3 });
		const request = restoreRequest(record);
		expect(request).toMatchObject({ epochsDone: 2, batchInEpoch: 3, stepsDone: 23 });
		expect(request.weights).toBe(record.weights);
		expect(request.history).toBe(record.history);
		expect(request.config).toEqual(record.config);
	});

	it('sums nothing at an epoch’s end', () => {
		expect(epochLossesOf(toRecord(runInput(), 0))).toEqual({ sum: 0, count: 0 });
	});
});

describe('restoresOnOpen', () => {
	const recipe = runInput().config;
	const other = { ...recipe, lr: 0.5 };

	it('never for a share link; under a named recipe only when it is the saved one', () => {
		expect(restoresOnOpen({ sharedLink: true, addressRecipe: null })(recipe)).toBe(false);
		expect(restoresOnOpen({ sharedLink: false, addressRecipe: null })(other)).toBe(true);
		expect(restoresOnOpen({ sharedLink: false, addressRecipe: recipe })(recipe)).toBe(true);
		expect(restoresOnOpen({ sharedLink: false, addressRecipe: recipe })(other)).toBe(false);
		expect(sameRecipe(recipe, { ...recipe })).toBe(true);
	});
});

describe('readLessonPlace', () => {
	const answer = {
		guess: 'above',
		guessLabel: 'Above ln 10',
		prompt: 'Is the loss above ln 10?',
		revealed: { answer: 'above', why: 'It was 2.9.', answerLabel: 'Above', correct: true }
	};

	it('reads the step and every well-formed answer, and drops the rest', () => {
		const place = readLessonPlace({
			step: 'loss',
			answers: { loss: answer, init: { guess: 3 }, step: { ...answer, revealed: null } }
		});
		expect(place).toEqual({
			step: 'loss',
			answers: { loss: answer, step: { ...answer, revealed: null } }
		});
	});

	it('gives nothing for what is not a place', () => {
		expect(readLessonPlace(null)).toBeNull();
		expect(readLessonPlace({ step: 'x' })).toBeNull();
		expect(readLessonPlace({ step: 4, answers: {} })).toEqual({ step: null, answers: {} });
	});
});
