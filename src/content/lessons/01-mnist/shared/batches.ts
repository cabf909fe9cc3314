/**
 * Which batch a report is about and which digits it holds, in words: the arithmetic shared by
 * steps 5 to 7 (loss, gradient, step). In the notebook's class order (all 0s, then all 1s, ...)
 * the digits of a batch follow from the class counts alone. Pure functions, tested in node.
 */
import type { RunPosition } from '$lib/engine/protocol';
import { sum } from '$lib/readout';
import { formatSig } from '$lib/viz/scales';

/** Where a batch sits: its number since initialisation and within its epoch (all 1-based). */
export interface BatchPlace {
	number: number;
	inEpoch: number;
	perEpoch: number;
	epoch: number;
}

/**
 * A gradient or loss report is measured on the batch training would take next; `ahead` more
 * looks that many batches further on (into the next epochs when it runs past this one's end).
 */
export function nextBatchPlace(p: RunPosition, ahead = 0): BatchPlace {
	const at = p.batchInEpoch + ahead;
	const perEpoch = Math.max(1, p.batchesPerEpoch);
	return {
		number: p.stepsDone + 1 + ahead,
		inEpoch: (at % perEpoch) + 1,
		perEpoch: p.batchesPerEpoch,
		epoch: p.epochsDone + Math.floor(at / perEpoch) + 1
	};
}

/**
 * A step report's position is taken after the step, so the batch it trained is the last one
 * counted; when that batch ended an epoch, the position has already rolled over to the next.
 */
export function trainedBatchPlace(p: RunPosition): BatchPlace {
	const rolled = p.batchInEpoch === 0 && p.epochsDone > 0;
	return {
		number: p.stepsDone,
		inEpoch: rolled ? p.batchesPerEpoch : p.batchInEpoch,
		perEpoch: p.batchesPerEpoch,
		epoch: rolled ? p.epochsDone : p.epochsDone + 1
	};
}

/** "batch 1 (1 of 235 in epoch 1)" */
export function describeBatch(place: BatchPlace): string {
	return `batch ${place.number} (${place.inEpoch} of ${place.perEpoch} in epoch ${place.epoch})`;
}

export interface DigitCount {
	digit: number;
	count: number;
}

/**
 * Which digits fill positions [start, end) of the class-ordered ("sequential") training order,
 * given how many training digits each class has: all 0s first, then all 1s, and so on.
 */
export function sequentialBatchDigits(
	classCounts: readonly number[],
	start: number,
	end: number
): DigitCount[] {
	const out: DigitCount[] = [];
	let from = 0;
	classCounts.forEach((count, digit) => {
		const overlap = Math.min(end, from + count) - Math.max(start, from);
		if (overlap > 0) out.push({ digit, count: overlap });
		from += count;
	});
	return out;
}

/** "all 0s", or "0s and 1s (120 + 136)" (without the counts: "0s and 1s"). */
export function describeDigits(parts: readonly DigitCount[], withCounts = true): string {
	if (parts.length === 0) return 'no digits';
	if (parts.length === 1) return `all ${parts[0].digit}s`;
	const names = parts.map((p) => `${p.digit}s`);
	const last = names.pop();
	const counts = withCounts ? ` (${parts.map((p) => p.count).join(' + ')})` : '';
	return `${names.join(', ')} and ${last}${counts}`;
}

/**
 * The digits of a batch when the run takes its batches in class order, e.g. "all 0s"; null
 * when the order is shuffled or the class counts are not those of the run's training set.
 */
export function classOrderedDigits(
	classCounts: readonly number[] | null | undefined,
	order: string,
	batchSize: number,
	place: BatchPlace,
	trainCount: number,
	withCounts = true
): string | null {
	if (!classCounts || order !== 'sequential' || sum(classCounts) !== trainCount) return null;
	const start = (place.inEpoch - 1) * batchSize;
	const end = Math.min(start + batchSize, trainCount);
	return describeDigits(sequentialBatchDigits(classCounts, start, end), withCounts);
}

/** ln 10 ≈ 2.30: the loss of a uniform guess, p = 1/10 for every digit. */
export const LN10 = Math.log(10);

/** A probability that stays readable from 1 down to 1e-30: "0.123", "4.5e-7". */
export function formatProbability(p: number): string {
	if (p === 0 || p >= 0.001) return p.toFixed(3);
	return p.toExponential(1);
}

/** A loss for reading: 4 significant digits. */
export function formatLoss(x: number | null | undefined): string {
	return x == null ? '–' : formatSig(x, 4);
}

/** How much the loss changed, as a signed percentage of the loss before: "−34.2%". */
export function formatLossChange(before: number | null, after: number | null): string {
	if (before == null || after == null || !Number.isFinite(before) || before === 0) return '–';
	const pct = ((after - before) / Math.abs(before)) * 100;
	if (!Number.isFinite(pct)) return '–';
	return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toFixed(1)}%`;
}

/** "batch 2 of 235 (all 0s)", with "in epoch 2" after the first epoch and the digits when known. */
export function batchWords(place: BatchPlace, digits: string | null): string {
	const epoch = place.epoch > 1 ? ` in epoch ${place.epoch}` : '';
	return `batch ${place.inEpoch} of ${place.perEpoch}${epoch}${digits ? ` (${digits})` : ''}`;
}

/** "1 batch", "3 batches". */
export function batchCount(n: number): string {
	return `${n} batch${n === 1 ? '' : 'es'}`;
}
