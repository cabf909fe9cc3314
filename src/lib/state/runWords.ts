/**
 * Words that match the run's state: where it is (training, paused, stopped mid-epoch, finished),
 * how far it is meant to go, and what a restored or recovered run is. Pure; tested in node.
 */
import type { RunPosition, RunStatus } from '../engine/protocol';

type Place = Pick<RunPosition, 'epochsDone' | 'batchInEpoch' | 'batchesPerEpoch'>;

/**
 * How many epochs the run is going to: the recipe's, or more once Step went past them (after a
 * finished 2-epoch run, one Step makes it "epoch 3 of 3", and Train finishes that epoch).
 */
export function targetEpochs(position: Place | null, recipeEpochs: number): number {
	if (!position) return recipeEpochs;
	const started = position.epochsDone + (position.batchInEpoch > 0 ? 1 : 0);
	return Math.max(recipeEpochs, started);
}

/** Whether the run has done every epoch it was going to (Train then starts a fresh run). */
export function isFinished(position: Place | null, recipeEpochs: number): boolean {
	return !!position && position.batchInEpoch === 0 && position.epochsDone >= recipeEpochs;
}

const epochs = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;

/** The training bar's words. */
export function trainingWords(
	position: Place | null,
	status: RunStatus,
	recipeEpochs: number
): string {
	if (!position) return '';
	const target = targetEpochs(position, recipeEpochs);
	if (isFinished(position, recipeEpochs)) return `Trained ${epochs(position.epochsDone)}`;
	const where = `epoch ${position.epochsDone + 1} of ${target}, batch ${position.batchInEpoch} of ${position.batchesPerEpoch}`;
	if (status === 'training') return `Training: ${where}`;
	if (status === 'paused') return `Paused: ${where}`;
	if (position.epochsDone === 0 && position.batchInEpoch === 0) {
		return `Ready to train ${epochs(target)} of ${position.batchesPerEpoch} batches`;
	}
	if (position.batchInEpoch === 0) {
		return `Stopped after epoch ${position.epochsDone} of ${target}: Train goes on from here`;
	}
	return `Stopped at ${where}: Train goes on from here`;
}

/** "just now", "5 minutes ago", "at 14:03 on 12 May": when a run was saved. */
export function savedWhen(savedAt: number, now: number): string {
	const minutes = Math.round((now - savedAt) / 60_000);
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
	const date = new Date(savedAt);
	const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
	const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long' });
	return `at ${time} on ${day}`;
}

/** What a saved run holds, as the learner reads it: "after 3 epochs (91.2% on the test digits)". */
export function savedRunWords(saved: {
	epochsDone: number;
	batchInEpoch: number;
	stepsDone: number;
	accuracy: number | null;
}): string {
	const where =
		saved.stepsDone === 0
			? 'before any training'
			: saved.batchInEpoch === 0
				? `after ${epochs(saved.epochsDone)}`
				: `in epoch ${saved.epochsDone + 1}, after batch ${saved.batchInEpoch} of it`;
	const accuracy =
		saved.accuracy === null ? '' : ` (${(saved.accuracy * 100).toFixed(1)}% on the test digits)`;
	return `${where}${accuracy}`;
}

/** A line of the saved runs list: "3 epochs, 705 batches, 91.2%". */
export function listedRunWords(saved: {
	epochsDone: number;
	stepsDone: number;
	accuracy: number | null;
}): string {
	const accuracy = saved.accuracy === null ? '' : `, ${(saved.accuracy * 100).toFixed(1)}%`;
	return `${epochs(saved.epochsDone)}, ${saved.stepsDone} batch${saved.stepsDone === 1 ? '' : 'es'}${accuracy}`;
}

/** After a lost worker was replaced: what became of the run. */
export function recoveredWords(restored: string | null): string {
	return restored === null
		? 'A new worker started, and the run starts again from its recipe (it had not been saved yet).'
		: `A new worker started and brought the run back to where it was saved, ${restored}. Press Train to go on.`;
}
