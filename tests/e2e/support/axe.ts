/**
 * axe-core in the page under test: the npm package's own axe.min.js is injected from
 * node_modules (nothing is downloaded at run time), run on the whole document, and its serious
 * and critical violations returned in a form that prints well when a test fails.
 */
import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The impacts that fail the audit (axe's other two are "moderate" and "minor"). */
export const FAILING_IMPACTS = ['serious', 'critical'] as const;

export interface Violation {
	rule: string;
	impact: string;
	help: string;
	/** CSS selectors of the offending elements, with axe's one-line reason for each. */
	nodes: { target: string; why: string }[];
}

/** Injects axe once per document: a client-side navigation keeps it, a full load drops it. */
async function ensureAxe(page: Page): Promise<void> {
	const present = await page.evaluate(() => 'axe' in window);
	if (!present) await page.addScriptTag({ path: AXE_SOURCE });
}

/**
 * The rules whose result depends on the colours: all a second theme can change. An audit of the
 * same page in its other theme runs only these (a full run costs about a second a page).
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Runs axe on the page as it is now and returns its serious and critical violations: every rule,
 * or only the given ones.
 */
export async function seriousViolations(page: Page, only?: string[]): Promise<Violation[]> {
	await ensureAxe(page);
	const found = await page.evaluate(
		async ({ failing, only }) => {
			const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
			const result = await axe.run(document, {
				resultTypes: ['violations'],
				...(only && { runOnly: { type: 'rule', values: only } })
			});
			return result.violations
				.filter((v) => (failing as readonly string[]).includes(v.impact ?? ''))
				.map((v) => ({
					rule: v.id,
					impact: v.impact ?? '',
					help: v.help,
					nodes: v.nodes.map((n) => ({
						target: n.target.join(' '),
						why: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim()
					}))
				}));
		},
		{ failing: FAILING_IMPACTS, only }
	);
	return found;
}

/** Counts the offending elements by impact. */
export function countByImpact(violations: Violation[]): Record<string, number> {
	const counts: Record<string, number> = { serious: 0, critical: 0 };
	for (const v of violations) counts[v.impact] = (counts[v.impact] ?? 0) + v.nodes.length;
	return counts;
}

/** Violations as lines a person can act on: rule, impact, help, then each target and why. */
export function describeViolations(violations: Violation[], limit = 8): string {
	return violations
		.map((v) => {
			const shown = v.nodes.slice(0, limit).map((n) => `    ${n.target}\n      ${n.why}`);
			const more = v.nodes.length > limit ? [`    … and ${v.nodes.length - limit} more`] : [];
			return [`  ${v.rule} (${v.impact}, ${v.nodes.length}): ${v.help}`, ...shown, ...more].join(
				'\n'
			);
		})
		.join('\n');
}
