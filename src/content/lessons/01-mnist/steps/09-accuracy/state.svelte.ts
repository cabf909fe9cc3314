/**
 * Step 9's open cell of the confusion matrix: which true and predicted digit, and (up to a cap)
 * the test digits in it.
 */
import type { Confusion, Digits } from '$lib/engine/protocol';
import type { Mnist } from '../../shared/session';
import { cellMembers } from './confusion';

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

export class OpenCell {
	cell = $state.raw<ConfusionCell | null>(null);

	constructor(private readonly lesson: Mnist) {}

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
}
