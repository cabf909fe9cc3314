/**
 * Which KaTeX fonts a page's rendered maths needs, read off its HTML, so that only pages with
 * maths load KaTeX's stylesheet and they fetch those fonts early (preloaded) instead of after the
 * stylesheet: KaTeX's fonts use font-display: block, and a font arriving after the first layout
 * moves every line of maths (a layout shift).
 */

export type KatexFont =
	'Main-Regular' | 'Math-Italic' | 'Size1-Regular' | 'Size2-Regular' | 'AMS-Regular';

/** True when the HTML holds KaTeX output. */
export function hasMaths(html: string): boolean {
	return html.includes('class="katex');
}

/** The fonts the maths in `html` uses: the two every formula uses, and the rarer ones it shows. */
export function katexFonts(html: string): KatexFont[] {
	if (!hasMaths(html)) return [];
	const fonts: KatexFont[] = ['Main-Regular', 'Math-Italic'];
	// Big delimiters (\big, \left( ... \right) around tall things) and large operators (\sum).
	if (/\bsize1\b|\bsmall-op\b/.test(html)) fonts.push('Size1-Regular');
	if (/\bsize2\b|\blarge-op\b/.test(html)) fonts.push('Size2-Regular');
	// \mathbb, \leqslant and the like.
	if (/\bamsrm\b|\bmathbb\b/.test(html)) fonts.push('AMS-Regular');
	return fonts;
}
