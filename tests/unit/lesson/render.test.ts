import { describe, expect, it } from 'vitest';
import { renderProse } from '$lib/lesson/render.server';

const headings = (html: string) =>
	[...html.matchAll(/<h(\d)>([^<]*)<\/h\d>/g)].map((m) => m.slice(1));

describe('prose headings under the step’s h1', () => {
	it('render the shallowest level as h2 and deeper ones in order', () => {
		const html = renderProse('Intro.\n\n### One\n\ntext\n\n#### One a\n\n### Two\n');
		expect(headings(html)).toEqual([
			['2', 'One'],
			['3', 'One a'],
			['2', 'Two']
		]);
	});

	it('move an h1 or h2 in the markdown down to h2 too, and keep prose without headings', () => {
		expect(headings(renderProse('# Top\n\n## Under\n'))).toEqual([
			['2', 'Top'],
			['3', 'Under']
		]);
		expect(renderProse('Just **text**.')).toBe('<p>Just <strong>text</strong>.</p>\n');
	});

	it('still renders the maths', () => {
		const html = renderProse('### Loss\n\n$$-\\log p$$\n\nand $x$.');
		expect(html).toContain('<h2>Loss</h2>');
		expect(html).toContain('class="math-display"');
		expect(html).toContain('class="katex"');
	});
});
