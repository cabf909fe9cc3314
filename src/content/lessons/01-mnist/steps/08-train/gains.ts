/**
 * Which of step 8's three switches helps most, read off the runs table: the notebook's recipe
 * and each switch on its own, trained for the same number of epochs, compared by the accuracy
 * each run reports (its own formula, as its curve shows it).
 */
import type { RunConfig } from '$lib/engine/config';
import type { RunLike } from '../../shared/runs';
import { epochWords } from '../../shared/runs';
import { switchesOf, type TrainSwitches } from './switches';

export type SwitchKey = keyof TrainSwitches;
export const SWITCH_KEYS: readonly SwitchKey[] = ['shuffle', 'smallInit', 'exactAccuracy'];

/** Each switch's name in the table, and why it helps, for the reveal's sentence. */
export const SWITCH_WORDS: Record<SwitchKey, { alone: string; why: string }> = {
	shuffle: {
		alone: 'shuffled',
		why: 'every batch mixes all ten digits, so no epoch ends on 23 steps of 9s'
	},
	smallInit: {
		alone: 'std 0.01',
		why: 'tiny starting weights say “I don’t know” instead of making confident random guesses'
	},
	exactAccuracy: {
		alone: 'exact',
		why: 'it scores the same model one prediction against one label, so only the measurement changes'
	}
};

export interface SwitchGain {
	key: SwitchKey;
	accuracy: number;
	/** accuracy minus the notebook recipe's, in the same number of epochs. */
	gain: number;
}

export interface SwitchComparison {
	epochs: number;
	/** The notebook's recipe's final accuracy (by its own formula). */
	baseline: number | null;
	/** Each switch alone that has a run, in SWITCH_KEYS order. */
	gains: SwitchGain[];
	/** The runs the comparison still needs. */
	missing: ('baseline' | SwitchKey)[];
	/** The switch with the largest gain, once every run is there. */
	best: SwitchGain | null;
}

/** Which switches are on in a recipe; null when several are (the comparison takes one at a time). */
function onlySwitch(config: RunConfig): SwitchKey | 'baseline' | null {
	const on = SWITCH_KEYS.filter((k) => switchesOf(config)[k]);
	if (on.length === 0) return 'baseline';
	return on.length === 1 ? on[0] : null;
}

const finalAccuracy = (run: RunLike) => run.epochs.at(-1)?.validAccuracy ?? NaN;

/**
 * The comparison for `epochs` epochs: the latest run of the notebook's recipe and of each switch
 * alone with that many epochs.
 */
export function compareSwitches(runs: readonly RunLike[], epochs: number): SwitchComparison {
	const latest = new Map<SwitchKey | 'baseline', RunLike>();
	for (const run of runs) {
		const kind = onlySwitch(run.config);
		if (kind && run.config.epochs === epochs && run.epochs.length === epochs) latest.set(kind, run);
	}
	const base = latest.get('baseline');
	const baseline = base ? finalAccuracy(base) : null;
	const gains = SWITCH_KEYS.flatMap((key) => {
		const run = latest.get(key);
		if (!run) return [];
		const accuracy = finalAccuracy(run);
		return [{ key, accuracy, gain: baseline === null ? NaN : accuracy - baseline }];
	});
	const missing = (['baseline', ...SWITCH_KEYS] as const).filter((k) => !latest.has(k));
	const best =
		missing.length === 0 ? gains.reduce((a, b) => (b.gain > a.gain ? b : a), gains[0]) : null;
	return { epochs, baseline, gains, missing, best };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} points`;

/** The reveal's sentence: the winner's own numbers, the other two gains, and why it helps. */
export function describeBest(c: SwitchComparison): string {
	const best = c.best;
	if (!best || c.baseline === null) return '';
	const others = c.gains
		.filter((g) => g.key !== best.key)
		.map((g) => `${SWITCH_WORDS[g.key].alone} ${points(g.gain)}`)
		.join(', ');
	return (
		`After ${epochWords(c.epochs)}, ${SWITCH_WORDS[best.key].alone} alone took the notebook’s ` +
		`${pct(c.baseline)} to ${pct(best.accuracy)} (${points(best.gain)}; ${others}): ` +
		`${SWITCH_WORDS[best.key].why}.`
	);
}

/** What the panel says about the comparison: each gain so far, and what is still to train. */
export function describeProgress(c: SwitchComparison): string {
	const done = c.gains.map(
		(g) =>
			`${SWITCH_WORDS[g.key].alone} ${pct(g.accuracy)}${Number.isFinite(g.gain) ? ` (${points(g.gain)})` : ''}`
	);
	const base = c.baseline === null ? [] : [`notebook’s recipe ${pct(c.baseline)}`];
	const have = [...base, ...done];
	const still = c.missing.map((k) =>
		k === 'baseline' ? 'the notebook’s recipe' : `${SWITCH_WORDS[k].alone} alone`
	);
	const head = `With ${epochWords(c.epochs)}: `;
	if (have.length === 0) return `${head}no run yet.`;
	return `${head}${have.join(', ')}${still.length ? `; still to train: ${still.join(', ')}` : ''}.`;
}
