/**
 * Step 13 (conclusion): the learner's runs as table rows, and the two closing points of the
 * notebook tied to the numbers of those runs.
 */
import type { RunLike } from '../../shared/runs';
import { formatCount } from '$lib/formatCount';

export interface RunRow {
	label: string;
	/** "linear" or "net, 30 hidden". */
	model: string;
	/** "all" or "first 500". */
	data: string;
	exact: number;
	epochs: number;
	firstTrainLoss: number;
	lastTrainLoss: number;
	isNet: boolean;
}

export function runRows(runs: RunLike[]): RunRow[] {
	return runs.map((run) => {
		const { config } = run;
		const isNet = config.model === 'mlp';
		return {
			label: run.label,
			model: isNet ? `net, ${config.hidden} hidden` : 'linear',
			data: config.trainSubset > 0 ? `first ${formatCount(config.trainSubset)}` : 'all',
			exact: run.epochs.at(-1)?.exactAccuracy ?? NaN,
			epochs: run.epochs.at(-1)?.epoch ?? 0,
			firstTrainLoss: run.epochs[0]?.trainLoss ?? NaN,
			lastTrainLoss: run.epochs.at(-1)?.trainLoss ?? NaN,
			isNet
		};
	});
}

/** The most accurate (exact formula) row of each kind, or null if there is none. */
export function bestRows(rows: RunRow[]): { linear: RunRow | null; net: RunRow | null } {
	const best = (list: RunRow[]) =>
		list.reduce<RunRow | null>((a, r) => (!a || r.exact > a.exact ? r : a), null);
	return {
		linear: best(rows.filter((r) => !r.isNet && Number.isFinite(r.exact))),
		net: best(rows.filter((r) => r.isNet && Number.isFinite(r.exact)))
	};
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Point 1 (what a net can represent), with the learner's own best linear and net runs. */
export function capacityEvidence(rows: RunRow[]): string {
	const { linear, net } = bestRows(rows);
	if (linear && net) {
		const better = net.exact > linear.exact;
		return `Your best linear learner (“${linear.label}”) got ${pct(linear.exact)} of the test digits right; your best net (“${net.label}”) ${pct(net.exact)}${better ? ': the hidden layer and its ReLU let it draw boundaries a straight cut cannot' : ''}.`;
	}
	if (net)
		return `Your net (“${net.label}”) got ${pct(net.exact)}; train the linear learner in step 8 to compare.`;
	if (linear)
		return `Your linear learner got ${pct(linear.exact)}; train the net in step 11 to see what a hidden layer adds.`;
	return 'Train the linear learner (step 8) and the net (step 11) to put your own numbers here.';
}

/**
 * Point 2 (SGD finds the parameters), with how far the training loss fell in the learner's runs
 * of two epochs or more (a one-epoch run has no fall to show), the largest fall as the example.
 */
export function sgdEvidence(rows: RunRow[]): string {
	const trained = rows.filter(
		(r) => r.epochs >= 2 && Number.isFinite(r.firstTrainLoss) && Number.isFinite(r.lastTrainLoss)
	);
	if (trained.length === 0)
		return rows.length === 0
			? 'Once you train a run, its falling loss curve is this point at work.'
			: 'Your runs so far are one epoch each: train one for more epochs and watch its training loss fall epoch after epoch.';
	const steps = trained.reduce((sum, r) => sum + r.epochs, 0);
	const fell = trained.filter((r) => r.lastTrainLoss < r.firstTrainLoss).length;
	const drop = (r: RunRow) => r.firstTrainLoss - r.lastTrainLoss;
	const example = trained.reduce((a, b) => (drop(b) > drop(a) ? b : a));
	const runs = `${trained.length} run${trained.length > 1 ? 's' : ''} of two epochs or more`;
	return `In your ${runs} (${steps} epochs in all), the training loss fell in ${fell}: from ${example.firstTrainLoss.toFixed(3)} after the first epoch of “${example.label}” to ${example.lastTrainLoss.toFixed(3)} after its last, by nothing more than small steps against the gradient.`;
}

/** The run with the highest final exact accuracy (the first, on ties); null with no runs. */
export function bestRunIndex(runs: readonly RunLike[]): number | null {
	let best: number | null = null;
	runs.forEach((run, i) => {
		const accuracy = run.epochs.at(-1)?.exactAccuracy ?? NaN;
		if (!Number.isFinite(accuracy)) return;
		if (best === null || accuracy > (runs[best].epochs.at(-1)?.exactAccuracy ?? NaN)) best = i;
	});
	return best;
}

const TEST_DIGITS = 10_000;

/**
 * The test digit step 13 asks about next: a fixed walk through the 10,000 test digits (a step
 * of 7,919, prime to 10,000, so it visits them all before it repeats), skipping `avoid`.
 */
export function nextTestIndex(previous: number | null, avoid: readonly number[] = []): number {
	let index = previous === null ? 1_234 : (previous + 7_919) % TEST_DIGITS;
	while (avoid.includes(index)) index = (index + 7_919) % TEST_DIGITS;
	return index;
}
