import { describe, expect, it } from 'vitest';
import { hasMaths, katexFonts } from '$lib/maths/fonts';

describe('katexFonts', () => {
	it('asks for nothing on a page without maths', () => {
		expect(hasMaths('<p>No formulas here.</p>')).toBe(false);
		expect(katexFonts('<p>No formulas here.</p>')).toEqual([]);
	});
	it('preloads the two fonts every formula uses', () => {
		const html = '<p><span class="katex"><span class="mord mathnormal">W</span></span></p>';
		expect(hasMaths(html)).toBe(true);
		expect(katexFonts(html)).toEqual(['Main-Regular', 'Math-Italic']);
	});
	it('adds the size and AMS fonts when the maths uses them', () => {
		const html =
			'<span class="katex"><span class="delimsizing size1">(</span><span class="mop op-symbol large-op">∑</span><span class="mord amsrm">R</span></span>';
		expect(katexFonts(html)).toEqual([
			'Main-Regular',
			'Math-Italic',
			'Size1-Regular',
			'Size2-Regular',
			'AMS-Regular'
		]);
	});
});
