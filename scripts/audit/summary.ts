/**
 * Reads a Lighthouse report (its JSON "LHR") into what `npm run audit` prints: the four category
 * scores, the web vitals, whether the page meets issue 14's targets, and what costs it points.
 * Pure, so it is unit-tested with a small hand-made report.
 */

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export const VITALS = {
	fcp: 'first-contentful-paint',
	lcp: 'largest-contentful-paint',
	tbt: 'total-blocking-time',
	cls: 'cumulative-layout-shift',
	si: 'speed-index'
} as const;
export type Vital = keyof typeof VITALS;

/** Issue 14's bar: performance >= 95, the other three 100, layout shift <= 0.05. */
export const TARGETS = { performance: 95, others: 100, cls: 0.05 };

interface LhrAudit {
	title: string;
	score: number | null;
	scoreDisplayMode?: string;
	displayValue?: string;
	numericValue?: number;
	details?: { type?: string; items?: { node?: { selector?: string } }[] };
}

/** The parts of a Lighthouse result we read. */
export interface Lhr {
	lighthouseVersion?: string;
	runtimeError?: { code: string; message: string };
	categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
	audits: Record<string, LhrAudit>;
}

export interface PageSummary {
	path: string;
	/** 0-100, or null when Lighthouse could not score the category. */
	scores: Record<Category, number | null>;
	/** Milliseconds, except cls (unitless). */
	vitals: Record<Vital, number | null>;
	meetsTargets: boolean;
	/** The audits that cost the most, worst first: "performance −12: Cumulative Layout Shift 0.31". */
	costs: string[];
	error?: string;
	/** With several runs: the lowest and highest performance score among them. */
	performanceRange?: [number, number];
	/** With several runs: how many Lighthouse could not complete or score (left out of the range). */
	failedRuns?: number;
	/** With several runs: how many have a performance score (the range is theirs). */
	scoredRuns?: number;
}

const percent = (score: number | null | undefined) =>
	score === null || score === undefined ? null : Math.round(score * 100);

/** Audits that fail but carry no weight of their own, yet point at what to fix. */
const DIAGNOSTICS = new Set(['metricSavings', 'binary', 'numeric']);

export function summarise(path: string, lhr: Lhr, maxCosts = 7): PageSummary {
	const scores = Object.fromEntries(
		CATEGORIES.map((c) => [c, percent(lhr.categories[c]?.score)])
	) as PageSummary['scores'];
	const vitals = Object.fromEntries(
		Object.entries(VITALS).map(([key, id]) => [key, lhr.audits[id]?.numericValue ?? null])
	) as PageSummary['vitals'];
	const weighted: { lost: number; text: string }[] = [];
	const weightedIds = new Set<string>();
	for (const category of CATEGORIES) {
		const refs = lhr.categories[category]?.auditRefs ?? [];
		const total = refs.reduce((sum, ref) => sum + ref.weight, 0) || 1;
		for (const ref of refs) {
			const audit = lhr.audits[ref.id];
			if (!audit || audit.score === null || audit.score >= 1 || ref.weight === 0) continue;
			weightedIds.add(ref.id);
			const lost = ((1 - audit.score) * ref.weight * 100) / total;
			// Layout shift names the elements that moved, from the audit that lists them.
			const where = ref.id === VITALS.cls ? lhr.audits['layout-shifts'] : audit;
			weighted.push({ lost, text: `${category} −${lost.toFixed(0)}: ${describe(audit, where)}` });
		}
	}
	weighted.sort((a, b) => b.lost - a.lost);
	const diagnostics = Object.entries(lhr.audits)
		.filter(
			([id, a]) =>
				!weightedIds.has(id) &&
				!(id === 'layout-shifts' && weightedIds.has(VITALS.cls)) &&
				// Lighthouse 12's "insights" repeat the classic audits under new names.
				!id.endsWith('-insight') &&
				a.score !== null &&
				a.score < 0.9 &&
				DIAGNOSTICS.has(a.scoreDisplayMode ?? '')
		)
		.map(([, a]) => `hint: ${describe(a)}`);
	const costs = [...weighted.filter((w) => w.lost >= 0.5).map((w) => w.text), ...diagnostics].slice(
		0,
		maxCosts
	);
	const meetsTargets =
		(scores.performance ?? 0) >= TARGETS.performance &&
		CATEGORIES.slice(1).every((c) => (scores[c] ?? 0) >= TARGETS.others) &&
		(vitals.cls ?? Infinity) <= TARGETS.cls;
	return {
		path,
		scores,
		vitals,
		meetsTargets,
		costs,
		...(lhr.runtimeError ? { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` } : {})
	};
}

/** "Cumulative Layout Shift 0.314 (div.panel)": the title, its value and what moved, if known. */
function describe(audit: LhrAudit, where: LhrAudit | undefined = audit): string {
	const value = audit.displayValue ? ` ${audit.displayValue}` : '';
	const selectors = (where?.details?.items ?? [])
		.map((item) => item.node?.selector?.split(' > ').slice(-2).join(' > '))
		.filter((s): s is string => Boolean(s));
	const elements = selectors.length ? ` (${[...new Set(selectors)].slice(0, 2).join('; ')})` : '';
	return `${audit.title}${value}${elements}`;
}

function cell(value: number | null, format: (v: number) => string): string {
	return value === null ? '–' : format(value);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A fixed-width table, one row per page, in the order given. */
export function formatTable(pages: PageSummary[]): string {
	const header = [
		'page',
		'perf',
		'a11y',
		'b.p.',
		'seo',
		'FCP',
		'LCP',
		'TBT',
		'CLS',
		'SI',
		'perf runs',
		'target'
	];
	const rows = pages.map((p) => [
		p.path,
		...CATEGORIES.map((c) => cell(p.scores[c], String)),
		cell(p.vitals.fcp, seconds),
		cell(p.vitals.lcp, seconds),
		cell(p.vitals.tbt, (ms) => `${Math.round(ms)} ms`),
		cell(p.vitals.cls, (v) => v.toFixed(3)),
		cell(p.vitals.si, seconds),
		runsCell(p),
		p.error ? 'error' : p.meetsTargets ? 'yes' : 'no'
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Of several Lighthouse runs of one page, the one with the median performance score (the lower
 * middle one of an even count), with the runs' lowest and highest score beside it. Lighthouse's
 * simulated throttling scales what this machine measured, so one run can be a few points off
 * the next; its authors advise judging a page by the median of several runs. A failed run
 * counts as the lowest score.
 */
export function medianRun(runs: PageSummary[]): PageSummary {
	const median = runs[medianIndex(runs)];
	if (runs.length === 1) return median;
	const scores = runs.map(performance).filter((score) => score >= 0);
	const failedRuns = runs.length - scores.length;
	return {
		...median,
		...(scores.length > 0 && { performanceRange: [Math.min(...scores), Math.max(...scores)] }),
		scoredRuns: scores.length,
		...(failedRuns > 0 && { failedRuns })
	};
}

/** The "perf runs" cell: the spread of the scored runs, and how many runs failed. */
function runsCell(page: PageSummary): string {
	const range = page.performanceRange
		? `${page.performanceRange[0]}-${page.performanceRange[1]}`
		: '';
	const failed = page.failedRuns ? `${page.failedRuns} failed` : '';
	return [range, failed].filter(Boolean).join(', ');
}

/** A run's performance score for ordering runs; a failed run counts as -1. */
const performance = (run: PageSummary) => (run.error ? -1 : (run.scores.performance ?? -1));

/** Which of the runs medianRun judges the page by (its index in `runs`). */
export function medianIndex(runs: PageSummary[]): number {
	if (runs.length === 0) throw new Error('medianRun needs at least one run');
	const order = runs.map((_, i) => i).sort((a, b) => performance(runs[a]) - performance(runs[b]));
	return order[Math.floor((order.length - 1) / 2)];
}

/**
 * Extra runs a page may take in all when Lighthouse itself fails a run (its trace recorder now
 * and then reports NO_NAVSTART and asks to be run again): such a run says nothing about the
 * page, so it is retried rather than counted as the page's lowest score.
 */
export const RETRIES = 2;

/**
 * Calls `attempt` (1, 2, ...) until `runs` of its results are scored runs, or `runs + RETRIES`
 * attempts are spent. Returns the runs to judge the page by (the scored ones; all of them when
 * none scored) and how many failed.
 */
export async function collectRuns<T extends { summary: PageSummary }>(
	runs: number,
	attempt: (n: number) => Promise<T>
): Promise<{ judged: T[]; failedRuns: number }> {
	const results: T[] = [];
	const scored = () => results.filter((r) => !r.summary.error);
	for (let n = 1; scored().length < runs && n <= runs + RETRIES; n++) {
		results.push(await attempt(n));
	}
	const judged = scored().length > 0 ? scored() : results;
	return { judged, failedRuns: results.length - scored().length };
}
