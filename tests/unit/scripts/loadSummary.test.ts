import { describe, expect, it } from 'vitest';
import { formatLoadTable, type PageLoad } from '../../../scripts/audit/loadSummary';

const none = { files: 0, raw: 0, gzip: 0 };
const load = (longTasks: PageLoad['longTasks']): PageLoad => ({
	path: '/lesson/data',
	js: { files: 12, raw: 400 * 1024, gzip: 140 * 1024 },
	css: none,
	worker: none,
	longTasks
});

describe('formatLoadTable', () => {
	it('says which long tasks came before the first paint', () => {
		const table = formatLoadTable([
			load([
				{ duration: 61.4, beforePaint: true },
				{ duration: 55, beforePaint: false }
			])
		]);
		expect(table.split('\n')[1]).toMatch(/61 ms before paint, 55 ms$/);
	});

	it('says none when no task passed 50 ms', () => {
		expect(formatLoadTable([load([])]).split('\n')[1]).toMatch(/none$/);
	});
});
