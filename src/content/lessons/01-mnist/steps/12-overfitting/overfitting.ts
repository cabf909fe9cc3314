/**
 * Step 12 (overfitting): the recipe of a small-subset run, where its validation loss was lowest,
 * the gap between training and validation loss in words, and which digits to show: training
 * digits the net has memorised (the most unusual ones it still gets right with near certainty)
 * and test digits it gets wrong.
 */
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';
import { digitAt } from '$lib/readout';
import { formatCount } from '$lib/formatCount';

export const OVERFIT_SUBSETS = [100, 500, 1000, 5000] as const;
export const OVERFIT_HIDDEN = [30, 100, 300] as const;
const fmt = (x: number) => x.toFixed(3);

export const OVERFIT_EPOCHS = 60;
export const OVERFIT_EPOCH_OPTIONS = [20, OVERFIT_EPOCHS] as const;

/** The step's three choices, each a row of toggle buttons (test hooks overfit-<key>). */
export const OVERFIT_CHOICES = [
	{ key: 'subset', label: 'Training digits', unit: 'training digits', options: OVERFIT_SUBSETS },
	{ key: 'hidden', label: 'Hidden units', unit: 'hidden units', options: OVERFIT_HIDDEN },
	{ key: 'epochs', label: 'Epochs', unit: 'epochs', options: OVERFIT_EPOCH_OPTIONS }
] as const;

/** Runs of the net on a subset of the training digits: the ones step 12 trains and compares. */
export function isSubsetRun(config: RunConfig): boolean {
	return config.model === 'mlp' && config.trainSubset > 0;
}

export interface OverfitDraft {
	subset: number;
	hidden: number;
	epochs: number;
}

export const DEFAULT_OVERFIT: OverfitDraft = { subset: 500, hidden: 100, epochs: OVERFIT_EPOCHS };

/**
 * The net trained on the first `subset` training digits, shuffled, lr 0.1, in batches of 32: with
 * 500 digits that is 16 steps an epoch (batches of 256 would give 2, too few to overfit in time).
 */
export function overfitRecipe(draft: OverfitDraft, seed: number): RunConfig {
	return {
		model: 'mlp',
		lr: 0.1,
		batchSize: 32,
		epochs: draft.epochs,
		// The net ignores std: its layers start as nn.Linear does.
		initStd: 1,
		hidden: draft.hidden,
		order: 'shuffled',
		seed,
		accuracy: 'exact',
		trainSubset: draft.subset
	};
}

export function overfitLabel(draft: OverfitDraft): string {
	const epochs = draft.epochs === OVERFIT_EPOCHS ? '' : `, ${draft.epochs} epochs`;
	return `net ${draft.hidden} units, ${formatCount(draft.subset)} digits${epochs}`;
}

/** Where in the run the validation loss was lowest: its first, middle or last third of epochs. */
export type LowestPart = 'early' | 'middle' | 'late';

export const LOWEST_CHOICES: readonly { value: LowestPart; label: string }[] = [
	{ value: 'early', label: 'In the first third of the epochs' },
	{ value: 'middle', label: 'In the middle third' },
	{ value: 'late', label: 'In the last third: it keeps falling to the end' }
];

export function lowestPart(bestEpoch: number, epochs: number): LowestPart {
	if (bestEpoch <= epochs / 3) return 'early';
	return bestEpoch <= (2 * epochs) / 3 ? 'middle' : 'late';
}

/** The reveal for a finished subset run: where its validation loss was lowest, and why. */
export function revealLowest(run: { label: string; epochs: EpochMetrics[] }) {
	const g = overfitGap(run.epochs);
	if (!g) return null;
	const { best, last } = g;
	const answer = lowestPart(best.epoch, last.epoch);
	const reason =
		answer === 'late'
			? 'the net was still learning what generalises, not yet memorising'
			: `from there on the net memorised its training digits: the training loss fell to ${fmt(last.trainLoss)} while the validation loss climbed back to ${fmt(last.validLoss)}`;
	return {
		answer,
		why: `“${run.label}” had its lowest validation loss, ${fmt(best.validLoss)}, at epoch ${best.epoch} of ${last.epoch}: ${reason}.`
	};
}

/** The epoch whose validation loss was lowest (the first, on ties); null before any epoch. */
export function lowestValid(epochs: EpochMetrics[]): EpochMetrics | null {
	let best: EpochMetrics | null = null;
	for (const e of epochs) {
		if (Number.isFinite(e.validLoss) && (best === null || e.validLoss < best.validLoss)) best = e;
	}
	return best;
}

export interface OverfitGap {
	best: EpochMetrics;
	last: EpochMetrics;
	/** last.validLoss - last.trainLoss: how much worse unseen digits are than the learnt ones. */
	gap: number;
	/** last.validLoss - best.validLoss: how far validation has climbed back up. */
	rise: number;
	overfitting: boolean;
}

/** Overfitting shows as validation loss clearly above its lowest while train loss still falls. */
export function overfitGap(epochs: EpochMetrics[]): OverfitGap | null {
	const best = lowestValid(epochs);
	const last = epochs.at(-1);
	if (!best || !last) return null;
	const rise = last.validLoss - best.validLoss;
	return {
		best,
		last,
		gap: last.validLoss - last.trainLoss,
		rise,
		overfitting: last.epoch > best.epoch && rise > 0.02 * best.validLoss
	};
}

/** The gap in words, with the numbers of the run. */
export function describeGap(g: OverfitGap | null): string {
	if (!g) return 'No epoch finished yet: press Run to train on the small subset.';
	const { best, last } = g;
	const now = `After epoch ${last.epoch} the training loss is ${fmt(last.trainLoss)} and the validation loss ${fmt(last.validLoss)}`;
	const gap =
		g.gap > 0 ? `: the test digits cost ${fmt(g.gap)} more than the digits it trained on` : '';
	if (!g.overfitting)
		return `${now}${gap}. Validation loss is still near its lowest (${fmt(best.validLoss)}, epoch ${best.epoch}).`;
	return `${now}${gap}. Validation loss was lowest at epoch ${best.epoch} (${fmt(best.validLoss)}) and has climbed ${fmt(g.rise)} since, while the training loss kept falling: the net is memorising its training digits.`;
}

/** Share of digits whose prediction equals the label. */
export function accuracyOf(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
	if (labels.length === 0) return NaN;
	let right = 0;
	for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
	return right / labels.length;
}

/**
 * The memorised digits worth showing: predicted right with at least `minConfidence`, the most
 * unusual first (farthest, in pixel space, from the average digit of their class in the subset).
 * Returns positions in the given arrays. Falls back to the most confident right ones.
 */
export function memorised(
	pixels: Uint8Array,
	labels: ArrayLike<number>,
	predicted: ArrayLike<number>,
	confidence: ArrayLike<number>,
	limit = 8,
	minConfidence = 0.99
): number[] {
	const n = labels.length;
	const size = n > 0 ? pixels.length / n : 0;
	const means = Array.from({ length: 10 }, () => new Float64Array(size));
	const counts = new Array<number>(10).fill(0);
	for (let i = 0; i < n; i++) {
		counts[labels[i]]++;
		const mean = means[labels[i]];
		for (let p = 0; p < size; p++) mean[p] += pixels[i * size + p];
	}
	means.forEach((mean, c) => mean.forEach((v, p) => (mean[p] = v / Math.max(1, counts[c]))));
	const right: { i: number; odd: number; confidence: number }[] = [];
	for (let i = 0; i < n; i++) {
		if (predicted[i] !== labels[i]) continue;
		const mean = means[labels[i]];
		let odd = 0;
		for (let p = 0; p < size; p++) odd += (pixels[i * size + p] - mean[p]) ** 2;
		right.push({ i, odd, confidence: confidence[i] });
	}
	const sure = right.filter((r) => r.confidence >= minConfidence).sort((a, b) => b.odd - a.odd);
	const pool = sure.length > 0 ? sure : right.sort((a, b) => b.confidence - a.confidence);
	return pool.slice(0, limit).map((r) => r.i);
}

/** The first `limit` positions (file order) where the prediction is wrong, one per true digit first. */
export function misclassified(
	predicted: ArrayLike<number>,
	labels: ArrayLike<number>,
	limit = 8
): number[] {
	const wrong: number[] = [];
	for (let i = 0; i < labels.length; i++) if (predicted[i] !== labels[i]) wrong.push(i);
	// Variety: the first wrong digit of each class, then the rest in order.
	const seen = new Set<number>();
	const firsts = wrong.filter((i) => !seen.has(labels[i]) && seen.add(labels[i]));
	const rest = wrong.filter((i) => !firsts.includes(i));
	return [...firsts, ...rest].slice(0, limit);
}

/** One digit shown in step 12, with what the net said about it. */
export interface DigitAnswer {
	/** Index in its file (training or test). */
	index: number;
	label: number;
	predicted: number;
	/** The probability the net gives its predicted digit. */
	confidence: number;
	/** 784 raw pixel bytes. */
	pixels: Uint8Array;
}

/** What step 12 found after a subset run finished. */
export interface OverfitDigits {
	config: RunConfig;
	/** Accuracy on the training digits it saw, and on the 10,000 test digits. */
	trainAccuracy: number;
	testAccuracy: number;
	memorised: DigitAnswer[];
	wrong: DigitAnswer[];
}

/** Pairs the fetched pixels with the net's answers (`at` = positions in the answer arrays). */
export function answers(
	indices: number[],
	pixels: Uint8Array,
	reply: { predicted: ArrayLike<number>; confidence: ArrayLike<number>; labels: ArrayLike<number> },
	at: number[] = indices.map((_, k) => k)
): DigitAnswer[] {
	return at.map((k, j) => ({
		index: indices[k],
		label: reply.labels[k],
		predicted: reply.predicted[k],
		confidence: reply.confidence[k],
		pixels: digitAt(pixels, j).slice()
	}));
}
