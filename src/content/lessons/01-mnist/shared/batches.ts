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

/** A gradient or loss report is measured on the batch training would take next. */
export function nextBatchPlace(p: RunPosition): BatchPlace {
	return {
		number: p.stepsDone + 1,
		inEpoch: p.batchInEpoch + 1,
		perEpoch: p.batchesPerEpoch,
		epoch: p.epochsDone + 1
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

/** Which digits a batch holds when the training set is in the notebook's class order. */
export interface BatchClasses {
	/** Positions in the class-ordered training set, [start, end). */
	start: number;
	end: number;
	/** The first and last digit in the batch (equal when it holds one class only). */
	first: number;
	last: number;
}

/**
 * In the notebook's order (all 0s, then all 1s, ...), batch k covers positions
 * [k * size, (k + 1) * size) and so the classes whose cumulative counts span that range.
 */
export function batchClasses(
	classCounts: readonly number[],
	batchIndex: number,
	batchSize: number
): BatchClasses {
	const total = sum(classCounts);
	const start = Math.min(batchIndex * batchSize, total);
	const end = Math.min(start + batchSize, total);
	const parts = sequentialBatchDigits(classCounts, start, Math.max(end, start + 1));
	const last = classCounts.length - 1;
	return { start, end, first: parts[0]?.digit ?? last, last: parts.at(-1)?.digit ?? last };
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
