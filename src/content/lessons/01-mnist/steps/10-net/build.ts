/**
 * Step 10's Run: build the notebook's simple_net with fresh weights. The first press turns the
 * linear learner into the net with the run's seed; once the run is the net, each press builds it
 * again from the next seed, so the maps and activations change every time. And its question:
 * how many hidden units ReLU switches off for the chosen test digit.
 */
import type { RunConfig } from '$lib/engine/config';
import type { DigitActivations } from '$lib/engine/protocol';
import { NOTEBOOK_RECIPE } from '../../notebook';
import { aDigit } from '../../shared/words';

/** The net step 10 builds next, from the run's recipe now. */
export function nextNet(current: RunConfig): RunConfig {
	const isNet = current.model === 'mlp' && current.trainSubset === 0;
	return { ...NOTEBOOK_RECIPE, model: 'mlp', seed: isNet ? current.seed + 1 : current.seed };
}

export function buildWords(current: RunConfig): string {
	const { seed } = nextNet(current);
	return current.model === 'mlp' && current.trainSubset === 0
		? `Build the net again with fresh weights from seed ${seed}`
		: `Build the net with fresh weights from seed ${seed}`;
}

/** The question's answer ranges for H hidden units: about a quarter of them each. */
export function offRanges(
	units: number
): { value: string; label: string; lo: number; hi: number }[] {
	const cuts = [
		0,
		Math.round(units / 4),
		Math.round(units / 2),
		Math.round((3 * units) / 4),
		units
	];
	return cuts.slice(0, -1).map((lo, i) => {
		const from = i === 0 ? 0 : lo + 1;
		const to = cuts[i + 1];
		return { value: `${from}-${to}`, label: `${from} to ${to}`, lo: from, hi: to };
	});
}

/** How many of a digit's hidden activations ReLU made exactly 0. */
export function offCount(hidden: ArrayLike<number>): number {
	let off = 0;
	for (let i = 0; i < hidden.length; i++) if (hidden[i] === 0) off++;
	return off;
}

/** The reveal: the range holding the digit's count of off units, and why, with its numbers. */
export function revealOff(digit: DigitActivations, seed: number, trained: boolean) {
	if (!digit.hidden) return null;
	const units = digit.hidden.length;
	const off = offCount(digit.hidden);
	const range = offRanges(units).find((r) => off >= r.lo && off <= r.hi);
	if (!range) return null;
	const reason = trained
		? 'a trained unit fires only for the strokes it has learned to look for'
		: 'with fresh random weights a unit’s score is about as likely below 0 as above, and ReLU turns every negative score into 0';
	return {
		answer: range.value,
		why: `ReLU switched off ${off} of the ${units} hidden units for test digit #${digit.index} (${aDigit(digit.label)}) in the net from seed ${seed}: ${reason}.`
	};
}
