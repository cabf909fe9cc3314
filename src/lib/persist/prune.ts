/**
 * Which saved runs to forget. Each page keeps its last few runs (a learner comes back to the
 * newest; the two before it are a margin for "that was better"), and all of them together stay
 * under a byte budget, dropping the oldest first but never a page's newest run. Pure.
 */
import type { RunSummary } from './record';

export const KEEP_PER_PAGE = 3;
/** Far below what browsers grant a site (hundreds of MB at least), so saving never fails on quota. */
export const TOTAL_BUDGET_BYTES = 64 * 1024 * 1024;

export function runsToPrune(
	runs: RunSummary[],
	keepPerPage = KEEP_PER_PAGE,
	budget = TOTAL_BUDGET_BYTES
): string[] {
	const newestFirst = [...runs].sort((a, b) => b.savedAt - a.savedAt);
	const seen = new Map<string, number>();
	const drop = new Set<string>();
	const newestOfPage = new Set<string>();
	for (const run of newestFirst) {
		const rank = seen.get(run.page) ?? 0;
		seen.set(run.page, rank + 1);
		if (rank === 0) newestOfPage.add(run.id);
		if (rank >= keepPerPage) drop.add(run.id);
	}
	let total = newestFirst.filter((r) => !drop.has(r.id)).reduce((s, r) => s + r.bytes, 0);
	for (const run of [...newestFirst].reverse()) {
		if (total <= budget) break;
		if (drop.has(run.id) || newestOfPage.has(run.id)) continue;
		drop.add(run.id);
		total -= run.bytes;
	}
	return newestFirst.filter((r) => drop.has(r.id)).map((r) => r.id);
}

/** Bytes of the runs kept, for "saved runs use 3.2 MB". */
export function totalBytes(runs: RunSummary[]): number {
	return runs.reduce((sum, run) => sum + run.bytes, 0);
}
