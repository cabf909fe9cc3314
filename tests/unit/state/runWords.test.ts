/** Words that match the run's state, and the target that grows with Steps past it. */
import { describe, expect, it } from 'vitest';
import {
	isFinished,
	recoveredWords,
	savedRunWords,
	listedRunWords,
	savedWhen,
	targetEpochs,
	trainingWords
} from '$lib/state/runWords';

const at = (epochsDone: number, batchInEpoch: number) => ({
	epochsDone,
	batchInEpoch,
	batchesPerEpoch: 235
});

describe('the training bar after a finished run', () => {
	it('says "epoch 3 of 3" after one Step past a finished 2-epoch run, never "3 of 2"', () => {
		expect(trainingWords(at(2, 0), 'idle', 2)).toBe('Trained 2 epochs');
		expect(isFinished(at(2, 0), 2)).toBe(true);
		expect(targetEpochs(at(2, 1), 2)).toBe(3);
		expect(isFinished(at(2, 1), 2)).toBe(false);
		expect(trainingWords(at(2, 1), 'idle', 2)).toBe(
			'Stopped at epoch 3 of 3, batch 1 of 235: Train goes on from here'
		);
		// Stopped between two epochs (a restored save, a paused run's end of epoch).
		expect(trainingWords(at(1, 0), 'idle', 2)).toBe(
			'Stopped after epoch 1 of 2: Train goes on from here'
		);
		// Train finishes that epoch; the run is then done again.
		expect(trainingWords(at(3, 0), 'idle', 2)).toBe('Trained 3 epochs');
	});

	it('names what the run is doing', () => {
		expect(trainingWords(at(0, 0), 'idle', 5)).toBe('Ready to train 5 epochs of 235 batches');
		expect(trainingWords(at(1, 7), 'training', 5)).toBe('Training: epoch 2 of 5, batch 7 of 235');
		expect(trainingWords(at(1, 7), 'paused', 5)).toBe('Paused: epoch 2 of 5, batch 7 of 235');
		expect(trainingWords(null, 'idle', 5)).toBe('');
	});
});

describe('saved runs in words', () => {
	it('says where a saved run was and when', () => {
		const saved = { epochsDone: 3, batchInEpoch: 0, stepsDone: 705, accuracy: 0.9123 };
		expect(savedRunWords(saved)).toBe('after 3 epochs (91.2% on the test digits)');
		expect(savedRunWords({ ...saved, batchInEpoch: 12, stepsDone: 717 })).toBe(
			'in epoch 4, after batch 12 of it (91.2% on the test digits)'
		);
		expect(savedRunWords({ epochsDone: 0, batchInEpoch: 0, stepsDone: 0, accuracy: null })).toBe(
			'before any training'
		);
		const now = Date.UTC(2025, 4, 12, 14, 3);
		expect(savedWhen(now - 20_000, now)).toBe('just now');
		expect(savedWhen(now - 5 * 60_000, now)).toBe('5 minutes ago');
		expect(savedWhen(now - 3 * 3600_000, now)).toMatch(/^at \d\d:\d\d on 12 May$/);
		expect(recoveredWords('after 3 epochs')).toMatch(/brought the run back .* after 3 epochs/);
		expect(recoveredWords(null)).toMatch(/starts again from its recipe/);
		expect(listedRunWords({ epochsDone: 3, stepsDone: 717, accuracy: 0.9123 })).toBe(
			'3 epochs, 717 batches, 91.2%'
		);
		expect(listedRunWords({ epochsDone: 0, stepsDone: 1, accuracy: null })).toBe(
			'0 epochs, 1 batch'
		);
	});
});
