/** Plain-text rendering of the benchmark report for the terminal. */
import type {
	BenchReport,
	KernelProfile,
	LongTaskReport,
	ModelResult,
	PairReport,
	PytorchReference
} from '../../src/lib/bench/protocol';

function rate(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

/** Text columns (the first `left`) are left-aligned, numbers right-aligned. */
function grid(header: string[], rows: string[][], left = 2): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function longest(tasks: LongTaskReport[], supported: boolean): string {
	if (!supported) return 'n/a';
	if (tasks.length === 0) return '?';
	const ms = Math.max(...tasks.map((t) => t.longestMs));
	return ms > 0 ? `${Math.round(ms)} ms` : 'none >= 50 ms';
}

/**
 * One run alone vs two at once in two workers: each run's examples per second, their sum, how
 * much of the lone run's speed each keeps, and the main thread's longest task meanwhile.
 */
export function formatPairs(pairs: PairReport[], supported: boolean): string {
	if (pairs.length === 0) return 'two runs at once: not measured';
	const alone = new Map(
		pairs.filter((p) => p.runs === 1).map((p) => [p.model, p.examplesPerSecond[0]])
	);
	const rows = pairs.map((p) => {
		const single = alone.get(p.model);
		const total = p.examplesPerSecond.reduce((a, b) => a + b, 0);
		const kept =
			p.runs === 2 && single
				? p.examplesPerSecond.map((r) => `${Math.round((100 * r) / single)}%`).join(' / ')
				: '';
		const task = !supported
			? 'n/a'
			: p.longestTaskMs > 0
				? `${Math.round(p.longestTaskMs)} ms (${p.longTaskCount})`
				: 'none >= 50 ms';
		return [
			p.model,
			p.actualBackend,
			p.runs === 1 ? '1 run' : '2 runs, 2 workers',
			p.examplesPerSecond.map(rate).join(' / '),
			rate(total),
			kept,
			task
		];
	});
	const header = [
		'model',
		'backend',
		'runs',
		'ex/s per run',
		'total ex/s',
		'vs alone',
		'main-thread longest task'
	];
	return [
		'two runs at once (each its own engine worker, live heatmaps on the page; one epoch each,',
		'ex/s = training digits / wall-clock epoch incl. validation):',
		grid(header, rows, 3)
	].join('\n');
}

/** "0.39 s (ours 2.1x as fast)" beside our epoch time, or "" without a reference figure. */
export function versusPytorch(result: ModelResult, reference?: PytorchReference): string {
	const theirs = reference?.seconds[result.model];
	if (theirs === undefined) return '';
	const ratio = theirs / result.ours.trainSeconds;
	return `${theirs.toFixed(2)} s (ours ${ratio.toFixed(1)}x as fast)`;
}

/** Our step kernel by kernel: calls and milliseconds per step, the slowest first. */
export function formatProfile(profile: KernelProfile, backend: string): string {
	const rows = profile.rows.map((r) => [r.name, r.calls.toFixed(1), r.ms.toFixed(3)]);
	return [
		`${profile.model} on ${backend}, ${profile.steps} steps: ${profile.stepMs.toFixed(3)} ms a step, ` +
			`${profile.kernelMs.toFixed(3)} ms of it in kernels (profiled)`,
		grid(['kernel', 'calls/step', 'ms/step'], rows, 1)
	].join('\n');
}

const kernels = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : '?');

export function formatReport(report: BenchReport): string {
	const { reference } = report;
	const rows = report.results.map((r) => {
		const ours = report.longTasks.filter(
			(t) => t.backend === r.backend && t.model === r.model && t.impl === 'ours'
		);
		return [
			r.model,
			r.backend,
			`${r.ours.trainSeconds.toFixed(2)} s`,
			`${r.ours.validateSeconds.toFixed(3)} s`,
			`${r.fit.seconds.toFixed(2)} s`,
			r.ratio.toFixed(2),
			r.kernelsPerStep
				? `${kernels(r.kernelsPerStep.ours)} / ${kernels(r.kernelsPerStep.fit)}`
				: 'n/a',
			...(reference ? [versusPytorch(r, reference)] : []),
			longest(ours, report.longTaskSupported)
		];
	});
	const header = [
		'model',
		'backend',
		'ours: epoch',
		'validate',
		'model.fit',
		'ours/fit',
		'kernels/step ours / fit',
		...(reference ? ["the notebook's PyTorch"] : []),
		'main-thread longest task (ours)'
	];
	const notes = report.backends
		.map(
			(b) =>
				`  ${b.backend}: ${b.status}${b.label ? ` (${b.label})` : ''}${b.message ? `: ${b.message}` : ''}`
		)
		.join('\n');
	const leaks = report.results.filter((r) => r.leakedTensors !== 0);
	return [
		'one training epoch, 60,000 digits, batch 256 (validate: the 10,000 test digits once):',
		grid(header, rows),
		'',
		'backends:',
		notes,
		...(report.crossOriginIsolated === undefined
			? []
			: [
					`cross-origin isolated: ${report.crossOriginIsolated ? 'yes (threaded WASM possible)' : 'no (WASM runs one thread)'}`
				]),
		`timing: ${report.timing}; fit = model.fit call only (tensors built beforehand).`,
		'ratio: ours ex/s / fit ex/s (above 1: our loop is faster). One warm-up before each timing.',
		'kernels/step: backend kernels per training step, tf.profile over 10 steps (loss read-back included).',
		...(reference ? [`the notebook's PyTorch: ${reference.machine}`] : []),
		`longest main-thread task over the whole benchmark: ${Math.round(report.longestTaskOverallMs)} ms` +
			(report.longTaskSupported ? '' : ' (longtask entries not supported)'),
		leaks.length > 0
			? `tensor leaks: ${leaks.map((r) => `${r.backend}/${r.model} ${r.leakedTensors}`).join(', ')}`
			: 'tensor leaks: none (tf.memory().numTensors unchanged per model)',
		...report.results.flatMap((r) => (r.profile ? ['', formatProfile(r.profile, r.backend)] : [])),
		'',
		report.pairError
			? `two runs at once: failed: ${report.pairError}`
			: formatPairs(report.pairs ?? [], report.longTaskSupported)
	].join('\n');
}
