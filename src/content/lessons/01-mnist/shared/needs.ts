/**
 * What a step of this lesson may need when it is opened directly by its URL, and how the
 * session gets it. The digits come first for every step (the lesson's `opening`).
 */
import type { MnistPreparation } from './session';

export const digitsLoaded: MnistPreparation = {
	says: 'loaded the 70,000 digits',
	done: (lesson) => lesson.shared.summary !== null,
	run: (lesson) => lesson.shared.loadSummary()
};

export const prediction: MnistPreparation = {
	says: 'predicted a test digit',
	done: (lesson) => lesson.shared.digit !== null,
	run: (lesson) => lesson.shared.predictSelected()
};

export const batchLoss: MnistPreparation = {
	says: 'measured the loss of the next batch',
	done: (lesson) => lesson.shared.batchLoss !== null,
	run: (lesson) => lesson.shared.measureBatchLoss()
};

export const gradient: MnistPreparation = {
	says: 'computed a gradient on the next batch',
	done: (lesson) => lesson.shared.gradient !== null,
	run: (lesson) => lesson.shared.computeGradient()
};

export const confusion: MnistPreparation = {
	says: 'predicted all 10,000 test digits',
	done: (lesson) => lesson.shared.confusion !== null,
	run: (lesson) => lesson.shared.countConfusions()
};
