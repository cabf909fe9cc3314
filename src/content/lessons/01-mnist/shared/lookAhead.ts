/**
 * Looking at a batch without training on it. The engine measures the batch training would take
 * next (its loss, its gradient); pressing again looks one batch further on, computed here from
 * the run's current weights and the batch's digits (see batchMath.ts), so that every press of
 * steps 5 and 6 shows a new batch while the run itself stays where it is.
 */
import type { GradientReport, RunPosition, TensorSnapshot } from '$lib/engine/protocol';
import type { RunState } from '$lib/state/run.svelte';
import { tensorByName } from '$lib/readout';
import { batchWords, classOrderedDigits, nextBatchPlace, type BatchPlace } from './batches';
import { batchLogits, linearGradient, meanCrossEntropy } from './batchMath';
import type { Mnist } from './session';
import { batchIndices } from './trainOrder';

/** One batch measured with the run's weights, nothing trained. */
export interface BatchLook {
	/** The run's position when it was measured (what "next" meant then). */
	position: RunPosition;
	/** How many batches after training's next one: 0 is that one, measured by the engine. */
	ahead: number;
	place: BatchPlace;
	loss: number;
	size: number;
	/** The run it was measured on: a fresh run (new weights) makes it stale. */
	runId: string;
}

export interface GradientLook extends BatchLook {
	gradients: TensorSnapshot[];
}

/** Which batch a press looks at: the one after the last look, or training's next one. */
export function nextAhead(
	last: BatchLook | null,
	run: Pick<RunState, 'runId' | 'position'>
): number {
	const p = run.position;
	const fresh =
		last !== null &&
		p !== null &&
		last.runId === run.runId &&
		last.position.stepsDone === p.stepsDone &&
		last.position.epochsDone === p.epochsDone;
	return fresh ? last.ahead + 1 : 0;
}

/** The place a press would look at, for the button's words (null before the run exists). */
export function nextLookPlace(
	last: BatchLook | null,
	run: Pick<RunState, 'runId' | 'position'>
): BatchPlace | null {
	return run.position ? nextBatchPlace(run.position, nextAhead(last, run)) : null;
}

function fromEngine(report: GradientReport | Omit<GradientReport, 'gradients'>, runId: string) {
	return { ...report, ahead: 0, place: nextBatchPlace(report.position), runId };
}

/**
 * Measures batch `ahead` (0: by the engine; further on: on the page, which needs the training
 * labels and, for a gradient, the linear learner). Undefined when the run could not answer.
 */
export async function lookAt(
	run: RunState,
	ahead: number,
	labels: () => Promise<Uint8Array | null>,
	withGradient: true
): Promise<GradientLook | undefined>;
export async function lookAt(
	run: RunState,
	ahead: number,
	labels: () => Promise<Uint8Array | null>,
	withGradient: false
): Promise<BatchLook | undefined>;
export async function lookAt(
	run: RunState,
	ahead: number,
	labels: () => Promise<Uint8Array | null>,
	withGradient: boolean
): Promise<BatchLook | GradientLook | undefined> {
	const runId = run.runId;
	if (ahead === 0) {
		const report = withGradient ? await run.call('gradient', {}) : await run.call('evaluate', {});
		return report && fromEngine(report, runId);
	}
	const [snapshot, known] = await Promise.all([run.call('snapshot', { weights: true }), labels()]);
	const config = run.config;
	if (!snapshot?.weights || !known || !config) return undefined;
	// The page writes out the linear learner's gradient only (step 6 shows no other).
	if (withGradient && !tensorByName(snapshot.weights, 'weights')) return undefined;
	const place = nextBatchPlace(snapshot.position, ahead);
	const indices = batchIndices(known, config, place.epoch - 1, place.inEpoch - 1);
	const digits = await run.call('digits', { set: 'train', indices });
	if (!digits) return undefined;
	const logits = batchLogits(snapshot.weights, digits.pixels, indices.length);
	if (!logits) return undefined;
	const look: BatchLook = {
		position: snapshot.position,
		ahead,
		place,
		loss: meanCrossEntropy(logits, digits.labels),
		size: indices.length,
		runId
	};
	return withGradient
		? { ...look, gradients: linearGradient(digits.pixels, digits.labels, logits) }
		: look;
}

/** What a batch holds, in words, for this run ("all 0s"; null when shuffled or unknown). */
export function digitsAt(lesson: Mnist, place: BatchPlace, withCounts = false): string | null {
	const { order, batchSize } = lesson.config;
	const trainCount = lesson.run.position?.trainCount ?? 0;
	const counts = lesson.shared.summary?.trainCounts;
	return classOrderedDigits(counts, order, batchSize, place, trainCount, withCounts);
}

/** "batch 2 of 235 (all 0s)" ("the next batch" before the run exists). */
export function placeWords(lesson: Mnist, place: BatchPlace | null): string {
	return place ? batchWords(place, digitsAt(lesson, place)) : 'the next batch';
}

/** The batch a training step takes next. */
export function nextTrainedPlace(run: Pick<RunState, 'position'>): BatchPlace | null {
	return run.position ? nextBatchPlace(run.position) : null;
}
