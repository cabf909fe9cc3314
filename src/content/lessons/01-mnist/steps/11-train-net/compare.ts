/**
 * Step 11's question: will the net beat the linear learner? The reference is the learner's best
 * linear run so far (its best exact accuracy in any epoch), or, before there is one, the
 * notebook's printed 63.74%. The answer is read from the net run just trained.
 */
import { NOTEBOOK_CURVE } from '../../notebook';
import { epochWords, type RunLike } from '../../shared/runs';
import { bestLinearRun } from './presets';

/** Closer than this (2 points of accuracy) counts as "about the same". */
export const MARGIN = 0.02;

export type Verdict = 'beats' | 'same' | 'below';

export const VERDICT_CHOICES: readonly { value: Verdict; label: string }[] = [
	{ value: 'beats', label: 'Yes, by 2 points or more' },
	{ value: 'same', label: 'About the same (within 2 points)' },
	{ value: 'below', label: 'No, it ends 2 points or more below' }
];

export interface LinearReference {
	accuracy: number;
	/** "your best linear run “shuffled” (92.1%)" */
	words: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function linearReference(runs: readonly RunLike[]): LinearReference {
	const best = bestLinearRun(runs);
	if (best)
		return {
			accuracy: best.accuracy,
			words: `your best linear run, “${best.label}” (${pct(best.accuracy)})`
		};
	const printed = NOTEBOOK_CURVE.at(-1) ?? NaN;
	return { accuracy: printed, words: `the notebook’s linear learner (${pct(printed)})` };
}

export function verdict(net: number, reference: number): Verdict {
	if (net >= reference + MARGIN) return 'beats';
	return net <= reference - MARGIN ? 'below' : 'same';
}

/** The reveal for the net run `net`, against the reference of `runs` (the runs before it). */
export function revealBeat(net: RunLike, runs: readonly RunLike[]) {
	const last = net.epochs.at(-1);
	if (!last) return null;
	const ref = linearReference(runs);
	const answer = verdict(last.exactAccuracy, ref.accuracy);
	const gap = Math.abs(last.exactAccuracy - ref.accuracy) * 100;
	const side = last.exactAccuracy >= ref.accuracy ? 'above' : 'below';
	const { lr, epochs } = net.config;
	const reason =
		answer === 'beats'
			? 'its hidden layer builds each digit from several partial templates, which one template per class cannot'
			: `with lr ${lr} for ${epochWords(epochs)}, training has not yet found weights that use the hidden layer`;
	return {
		answer,
		why: `The net “${net.label}” ended at ${pct(last.exactAccuracy)} after ${epochWords(last.epoch)}, ${gap.toFixed(1)} points ${side} ${ref.words}: ${reason}.`
	};
}
