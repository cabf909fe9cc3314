import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fillKatexStyle, inlinableKatexCss, withOptionalFonts } from '$lib/maths/stylesheet';

const KATEX_CSS = readFileSync(
	createRequire(import.meta.url).resolve('katex/dist/katex.min.css'),
	'utf8'
);
const EMPTY = '<style data-katex-inline="" data-fonts="../katex/fonts/"></style>';

describe('KaTeX stylesheet', () => {
	it('makes every font optional', () => {
		const css = withOptionalFonts(KATEX_CSS);
		expect(KATEX_CSS).toMatch(/font-display:\s*block/);
		expect(css).not.toMatch(/font-display:\s*block/);
		expect(css.match(/font-display:optional/g)).toHaveLength(
			KATEX_CSS.match(/@font-face/g)?.length ?? -1
		);
	});

	it('inlines with each font at the page’s fonts URL, woff2 only', () => {
		const css = inlinableKatexCss(KATEX_CSS, '../katex/fonts/');
		const sources = [...css.matchAll(/src:([^;}]*)/g)].map((m) => m[1]);
		expect(sources.length).toBeGreaterThan(15);
		for (const source of sources) {
			expect(source).toMatch(
				/^url\(\.\.\/katex\/fonts\/KaTeX_[A-Za-z0-9_-]+\.woff2\) format\("woff2"\)$/
			);
		}
		expect(css).not.toMatch(/url\(fonts\//);
		expect(css.length).toBeLessThan(KATEX_CSS.length);
	});

	it('fills the empty <style> the page rendered, and leaves pages without one alone', () => {
		const page = `<head><title>Loss</title>${EMPTY}</head><body></body>`;
		const filled = fillKatexStyle(page, KATEX_CSS);
		expect(filled).toContain('<style data-katex-inline="" data-fonts="../katex/fonts/">@font-face');
		expect(filled).toContain('url(../katex/fonts/KaTeX_Main-Regular.woff2)');
		expect(filled).toMatch(/<\/style><\/head><body><\/body>$/);
		const plain = '<head><title>Home</title></head>';
		expect(fillKatexStyle(plain, KATEX_CSS)).toBe(plain);
	});

	it('takes the fonts URL of a site under a sub-path', () => {
		const page = EMPTY.replace('../katex/fonts/', '/digit-lab/katex/fonts/');
		expect(fillKatexStyle(page, KATEX_CSS)).toContain(
			'url(/digit-lab/katex/fonts/KaTeX_Math-Italic.woff2)'
		);
	});
});
