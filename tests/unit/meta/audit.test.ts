import { describe, expect, it } from 'vitest';
import {
	isNoindex,
	linkedPaths,
	orderPages,
	pagePath,
	reportName
} from '../../../scripts/audit/pages';
import {
	collectRuns,
	formatTable,
	medianRun,
	RETRIES,
	summarise,
	type Lhr
} from '../../../scripts/audit/summary';
import { localUrlFrom } from '../../../scripts/lib/preview';
import { lastLines, wantsVerbose } from '../../../scripts/lib/quietBuild';

/** A small Lighthouse result: performance loses on layout shift, SEO on a missing description. */
const LHR: Lhr = {
	categories: {
		performance: {
			score: 0.83,
			auditRefs: [
				{ id: 'first-contentful-paint', weight: 10 },
				{ id: 'speed-index', weight: 10 },
				{ id: 'largest-contentful-paint', weight: 25 },
				{ id: 'total-blocking-time', weight: 30 },
				{ id: 'cumulative-layout-shift', weight: 25 },
				{ id: 'layout-shifts', weight: 0 }
			]
		},
		accessibility: { score: 1, auditRefs: [{ id: 'color-contrast', weight: 7 }] },
		'best-practices': { score: 1, auditRefs: [] },
		seo: {
			score: 0.9,
			auditRefs: [
				{ id: 'document-title', weight: 9 },
				{ id: 'meta-description', weight: 1 }
			]
		}
	},
	audits: {
		'first-contentful-paint': {
			title: 'First Contentful Paint',
			score: 0.92,
			numericValue: 1694,
			displayValue: '1.7 s'
		},
		'largest-contentful-paint': { title: 'Largest Contentful Paint', score: 1, numericValue: 1800 },
		'total-blocking-time': { title: 'Total Blocking Time', score: 1, numericValue: 29 },
		'speed-index': { title: 'Speed Index', score: 1, numericValue: 1700 },
		'cumulative-layout-shift': {
			title: 'Cumulative Layout Shift',
			score: 0.37,
			numericValue: 0.314,
			displayValue: '0.314'
		},
		'layout-shifts': {
			title: 'Avoid large layout shifts',
			score: 0,
			scoreDisplayMode: 'metricSavings',
			displayValue: '2 layout shifts found',
			details: { items: [{ node: { selector: 'body > div > main#main > div.panel' } }] }
		},
		'color-contrast': { title: 'Contrast', score: 1 },
		'cls-culprits-insight': {
			title: 'Layout shift culprits',
			score: 0,
			scoreDisplayMode: 'numeric'
		},
		'render-blocking-resources': {
			title: 'Eliminate render-blocking resources',
			score: 0.5,
			scoreDisplayMode: 'metricSavings',
			displayValue: 'Est savings of 110 ms'
		},
		'document-title': { title: 'Document has a title', score: 1 },
		'meta-description': { title: 'Document does not have a meta description', score: 0 }
	}
};

describe('summarise', () => {
	const page = summarise('/draw', LHR);

	it('reads the four scores and the web vitals', () => {
		expect(page.scores).toEqual({
			performance: 83,
			accessibility: 100,
			'best-practices': 100,
			seo: 90
		});
		expect(page.vitals).toEqual({ fcp: 1694, lcp: 1800, tbt: 29, cls: 0.314, si: 1700 });
		expect(page.meetsTargets).toBe(false);
	});

	it('lists what costs points, worst first, with the elements that moved, then unweighted hints', () => {
		// CLS weighs 25 of 100 and scores 0.37: 16 points lost; the description 1 of 10 in SEO.
		expect(page.costs).toEqual([
			'performance −16: Cumulative Layout Shift 0.314 (main#main > div.panel)',
			'seo −10: Document does not have a meta description',
			'performance −1: First Contentful Paint 1.7 s',
			// Lighthouse 12's insight audits repeat the classic ones: left out.
			'hint: Eliminate render-blocking resources Est savings of 110 ms'
		]);
	});

	it('lists the elements that moved as a hint when layout shift costs nothing', () => {
		const calm: Lhr = structuredClone(LHR);
		calm.audits['cumulative-layout-shift'].score = 1;
		expect(summarise('/', calm).costs).toContain(
			'hint: Avoid large layout shifts 2 layout shifts found (main#main > div.panel)'
		);
	});

	it('meets the targets at 95 / 100 / 100 / 100 with little layout shift', () => {
		const good: Lhr = structuredClone(LHR);
		good.categories.performance.score = 0.95;
		good.categories.seo.score = 1;
		good.audits['cumulative-layout-shift'].numericValue = 0.05;
		expect(summarise('/', good).meetsTargets).toBe(true);
		good.audits['cumulative-layout-shift'].numericValue = 0.051;
		expect(summarise('/', good).meetsTargets).toBe(false);
	});

	it('prints one aligned row per page', () => {
		const table = formatTable([page, summarise('/', LHR)]).split('\n');
		expect(table[0]).toMatch(
			/^page\s+perf\s+a11y\s+b\.p\.\s+seo\s+FCP\s+LCP\s+TBT\s+CLS\s+SI\s+perf runs\s+target$/
		);
		expect(table[2]).toMatch(
			/^\/draw\s+83\s+100\s+100\s+90\s+1\.7 s\s+1\.8 s\s+29 ms\s+0\.314\s+1\.7 s\s+no$/
		);
		expect(new Set(table.map((l) => l.length)).size).toBe(1);
	});
});

describe('audited pages', () => {
	it('maps prerendered files to paths and report names', () => {
		expect(pagePath('index.html')).toBe('/');
		expect(pagePath('lesson.html')).toBe('/lesson');
		expect(pagePath('lesson/train-net.html')).toBe('/lesson/train-net');
		expect(reportName('/')).toBe('home');
		expect(reportName('/lesson/train-net')).toBe('lesson-train-net');
	});

	it('reads the home page’s internal links in order, relative or under a base path', () => {
		const html =
			'<a href="./lesson/data">1</a><a class="x" href="./lesson/flatten">2</a>' +
			'<a href="https://example.org">x</a><a href="./playground?model=mlp">p</a><a href=".">home</a>';
		expect(linkedPaths(html)).toEqual(['/lesson/data', '/lesson/flatten', '/playground', '/']);
		expect(linkedPaths('<a href="/lab/draw">d</a>', '/lab')).toEqual(['/draw']);
	});

	it('orders pages as the home page links them, grouped by first segment, "/" first', () => {
		const pages = ['/zeta', '/lesson/flatten', '/', '/lesson', '/alpha', '/draw', '/lesson/data'];
		// The site's header links a lesson step, then /draw, before the list of steps.
		const links = ['/lesson/data', '/draw', '/lesson/data', '/lesson/flatten'];
		expect(orderPages(pages, links)).toEqual([
			'/',
			'/lesson/data',
			'/lesson/flatten',
			'/lesson',
			'/draw',
			'/alpha',
			'/zeta'
		]);
	});

	it('recognises a page that asks not to be indexed', () => {
		expect(isNoindex('<meta name="robots" content="noindex, nofollow"/>')).toBe(true);
		expect(isNoindex('<meta name="description" content="noindex here is prose"/>')).toBe(false);
	});
});

describe('npm start helpers', () => {
	it('reads the address from vite’s banner, colours and base path included', () => {
		const banner =
			'\n  \u001b[32m➜\u001b[39m  \u001b[1mLocal\u001b[22m:   \u001b[36mhttp://localhost:\u001b[1m4173\u001b[22m/lab/\u001b[39m\n';
		expect(localUrlFrom(banner)).toBe('http://localhost:4173/lab/');
		expect(localUrlFrom('starting…')).toBeNull();
	});

	it('keeps the last lines of a log for a failure message', () => {
		expect(lastLines('a\n\nb\nc\n', 2)).toBe('b\nc');
	});

	it('turns verbose on with a flag or VERBOSE', () => {
		expect(wantsVerbose(['--verbose'], {})).toBe(true);
		expect(wantsVerbose([], { VERBOSE: '1' })).toBe(true);
		expect(wantsVerbose([], { VERBOSE: '0' })).toBe(false);
		expect(wantsVerbose([], {})).toBe(false);
	});
});

describe('medianRun', () => {
	const run = (performance: number | null, error?: string) => {
		const page = summarise('/lesson/loss', LHR);
		return { ...page, scores: { ...page.scores, performance }, ...(error && { error }) };
	};

	it('keeps the run with the median performance score and the spread of all runs', () => {
		const median = medianRun([run(97), run(88), run(93)]);
		expect(median.scores.performance).toBe(93);
		expect(median.performanceRange).toEqual([88, 97]);
		expect(median.scoredRuns).toBe(3);
		expect(formatTable([median])).toMatch(/88-97/);
	});

	it('takes the lower middle of an even count, and a failed run as the lowest', () => {
		const median = medianRun([run(96), run(null, 'Chrome did not start'), run(95), run(99)]);
		expect(median.scores.performance).toBe(95);
		// The failed run is counted apart, not as a score of -1 in the spread.
		expect(median.performanceRange).toEqual([95, 99]);
		expect(median.failedRuns).toBe(1);
		expect(median.scoredRuns).toBe(3);
		expect(formatTable([median])).toMatch(/95-99, 1 failed/);
	});

	it('returns a single run as it is', () => {
		const only = run(91);
		expect(medianRun([only])).toBe(only);
		expect(() => medianRun([])).toThrow(/at least one/);
	});
});

describe('collectRuns', () => {
	const page = summarise('/lesson/loss', LHR);
	const failed = { ...page, error: 'NO_NAVSTART: Something went wrong with recording the trace' };

	/** Attempts that give these summaries in turn, recording which attempts were made. */
	function attempts(...summaries: (typeof page)[]) {
		const made: number[] = [];
		const attempt = async (n: number) => {
			made.push(n);
			return { summary: summaries[n - 1], file: `run${n}.json` };
		};
		return { made, attempt };
	}

	it('retries a run Lighthouse failed, so the page is judged by `runs` scored runs', async () => {
		const { made, attempt } = attempts(page, failed, page, page);
		const { judged, failedRuns } = await collectRuns(3, attempt);
		expect(made).toEqual([1, 2, 3, 4]);
		expect(judged.map((r) => r.file)).toEqual(['run1.json', 'run3.json', 'run4.json']);
		expect(failedRuns).toBe(1);
	});

	it('gives up after RETRIES extra attempts, judging by every run when none scored', async () => {
		const { made, attempt } = attempts(...Array<typeof page>(RETRIES + 2).fill(failed));
		const { judged, failedRuns } = await collectRuns(2, attempt);
		expect(made).toHaveLength(2 + RETRIES);
		expect(judged).toHaveLength(2 + RETRIES);
		expect(failedRuns).toBe(2 + RETRIES);
	});

	it('makes no extra attempt when every run scores', async () => {
		const { made, attempt } = attempts(page, page, page);
		expect((await collectRuns(3, attempt)).failedRuns).toBe(0);
		expect(made).toEqual([1, 2, 3]);
	});
});
