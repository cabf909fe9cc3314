import { describe, expect, it } from 'vitest';
import { layoutConfusion } from '$lib/viz/save/confusion';
import type { DrawOp } from '$lib/viz/save/gridLayout';
import { DEFAULT_PALETTE, estimateWidth } from '$lib/viz/save/text';

const texts = (ops: DrawOp[]) => ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));

describe('a saved confusion matrix', () => {
	const names = ['a', 'b', 'c'];
	const counts = [50, 0, 3, 1, 40, 0, 2, 5, 1000];
	const layout = layoutConfusion({
		title: 'Confusions on the test digits',
		names,
		counts,
		colours: (r, c) =>
			counts[r * 3 + c] > 0 ? { bg: r === c ? '#08306b' : '#f16913', fg: '#fff' } : null,
		rowTitle: 'true',
		colTitle: 'predicted',
		key: [
			{ colour: '#08306b', label: 'diagonal: right answers' },
			{ colour: '#f16913', label: 'off the diagonal: mistakes' }
		],
		caption: '1,101 digits, 1,090 on the diagonal.',
		palette: DEFAULT_PALETTE,
		measure: estimateWidth
	});

	it('draws the title, every count, both names of each class, the key and the caption', () => {
		const words = texts(layout.ops);
		expect(words[0]).toBe('Confusions on the test digits');
		for (const count of counts) expect(words).toContain(String(count));
		for (const name of names) expect(words.filter((w) => w === name).length).toBe(2);
		expect(words).toContain('true ↓');
		expect(words).toContain('predicted →');
		expect(words).toContain('diagonal: right answers');
		expect(words.at(-1)).toBe('1,101 digits, 1,090 on the diagonal.');
	});

	it('fills each counted cell in its colour, an empty one in the paper colour with a border', () => {
		const cells = layout.ops.filter(
			(op): op is Extract<DrawOp, { kind: 'rect' }> => op.kind === 'rect' && op.w === 44
		);
		expect(cells.filter((op) => op.fill === '#08306b')).toHaveLength(3);
		expect(cells.filter((op) => op.fill === '#f16913')).toHaveLength(4);
		expect(cells.filter((op) => op.stroke === DEFAULT_PALETTE.rule)).toHaveLength(2);
	});

	it('fits everything inside the picture, on a paper background', () => {
		expect(layout.ops[0]).toMatchObject({ kind: 'rect', w: layout.width, h: layout.height });
		for (const op of layout.ops) {
			if (op.kind === 'text' || op.kind === 'rect') {
				expect(op.y).toBeLessThanOrEqual(layout.height);
				expect(op.x).toBeLessThanOrEqual(layout.width);
			}
		}
	});
});
