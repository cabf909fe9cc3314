/**
 * Step 9's state: which model the confusion matrix counts (the run's id and batches trained when
 * it was counted), the open cell and the test digits in it, and what the next Run press does:
 * count the current model, open the next of its most frequent mistakes, or train one more epoch
 * and count again.
 */
import type { Confusion, Digits } from '$lib/engine/protocol';
import type { Mnist } from '../../shared/session';
import { cellMembers, mostConfused, type ConfusedPair } from './confusion';

/** One cell of a confusion matrix and the test digits in it. */
export interface ConfusionCell {
	/** The counts this cell belongs to (a newer count makes the cell stale). */
	confusion: Confusion;
	truth: number;
	predicted: number;
	/** How many test digits are in the cell, and the file indices of those fetched. */
	total: number;
	indices: number[];
	digits?: Digits;
}

/** The most frequent mistakes the Run button walks through before it trains more. */
export const DRILL_PAIRS = 3;

/** What the next press of Run does. */
export type AccuracyPlan =
	| { kind: 'count'; stale: boolean }
	| { kind: 'pair'; rank: number; pair: ConfusedPair }
	| { kind: 'train'; epoch: number };

const ORDINAL = ['', '2nd ', '3rd '];

export class OpenCell {
	cell = $state.raw<ConfusionCell | null>(null);
	/** The counts step 9 made, and of which model (run id, batches trained). */
	counted = $state.raw<{ confusion: Confusion; runId: string; stepsDone: number } | null>(null);
	/** How many of the most frequent mistakes Run has opened since the last count. */
	drilled = $state(0);

	constructor(private readonly lesson: Mnist) {}

	/** The counts, if they are of the model the run holds now. */
	get fresh(): Confusion | null {
		const { counted } = this;
		const { run, shared } = this.lesson;
		const current =
			counted !== null &&
			shared.confusion === counted.confusion &&
			counted.runId === run.runId &&
			counted.stepsDone === (run.position?.stepsDone ?? 0);
		return current ? counted.confusion : null;
	}

	plan(): AccuracyPlan {
		const confusion = this.fresh;
		if (!confusion) return { kind: 'count', stale: this.lesson.shared.confusion !== null };
		const pairs = mostConfused(confusion.matrix, DRILL_PAIRS);
		if (this.drilled < pairs.length)
			return { kind: 'pair', rank: this.drilled, pair: pairs[this.drilled] };
		return { kind: 'train', epoch: (this.lesson.run.position?.epochsDone ?? 0) + 1 };
	}

	/** The Run button's words for the next press. */
	actionLabel(): string {
		const plan = this.plan();
		if (plan.kind === 'count')
			return plan.stale
				? 'Count again: the model changed since the last count'
				: 'Count the confusions on 10,000 test digits';
		if (plan.kind === 'pair') {
			const { truth, predicted, count } = plan.pair;
			return `Open the ${ORDINAL[plan.rank]}most frequent mistake: ${truth} → ${predicted} (${count} digits)`;
		}
		return `Train epoch ${plan.epoch}, then count again`;
	}

	/** The next press: count, open a mistake, or train one more epoch and count. */
	async next(): Promise<void> {
		const plan = this.plan();
		if (plan.kind === 'pair') {
			this.drilled++;
			return this.show(plan.pair.truth, plan.pair.predicted);
		}
		if (plan.kind === 'train') await this.lesson.run.train(1);
		await this.count();
	}

	/** Counts the current model's confusions on the 10,000 test digits. */
	async count(): Promise<void> {
		const { run, shared } = this.lesson;
		const stepsDone = run.position?.stepsDone ?? 0;
		const runId = run.runId;
		await shared.countConfusions();
		const confusion = shared.confusion;
		if (!confusion) return;
		this.counted = { confusion, runId, stepsDone };
		this.drilled = 0;
		this.cell = null;
	}

	/** Opens a cell: finds its test digits and fetches the first `limit` of them. */
	async show(truth: number, predicted: number, limit = 40): Promise<void> {
		const confusion = this.lesson.shared.confusion;
		if (!confusion) return;
		const members = cellMembers(confusion.predictions, confusion.labels, truth, predicted);
		const indices = members.slice(0, limit);
		const opened: ConfusionCell = { confusion, truth, predicted, total: members.length, indices };
		this.cell = opened;
		if (indices.length === 0) return;
		const digits = await this.lesson.run.call('digits', { set: 'test', indices });
		// Another cell may have been opened while these were on their way.
		if (digits && this.cell === opened) this.cell = { ...opened, digits };
	}

	clearResults(): void {
		this.cell = this.counted = null;
		this.drilled = 0;
	}
}
