/**
 * KaTeX's stylesheet as the site serves it. Two copies: static/katex/katex.min.css (linked after a
 * client-side navigation, and kept by the offline cache), and the same rules inlined into each
 * prerendered page that shows maths (src/hooks.server.ts). A linked stylesheet blocks the first
 * paint until it arrives, one more round trip on a slow phone connection; inline, the page paints
 * as soon as its HTML is parsed.
 */

/**
 * KaTeX's fonts change from font-display: block to optional. With block, a font that arrives
 * after the first layout (late, on a busy machine or a slow link) re-lays out every line of
 * maths: a layout shift (0.07 on /lesson/net). With optional, the browser waits a moment for the
 * fonts the page preloads (KatexHead), and a font later than that is not swapped in: the maths
 * keeps the fallback face for that visit, and the next visit has it cached.
 */
export function withOptionalFonts(css: string): string {
	return css.replace(/font-display:\s*block/g, 'font-display:optional');
}

/**
 * The stylesheet for inlining into a page: fonts optional, each font's URL made to point at
 * `fontsBase` (the URL of static/katex/fonts/ from that page), and only the woff2 source kept:
 * every browser the site supports takes woff2, and the woff and ttf files are not served.
 */
export function inlinableKatexCss(css: string, fontsBase: string): string {
	return withOptionalFonts(css)
		.replace(/(url\([^)]*\.woff2\) format\("woff2"\))(?:,url\([^)]*\) format\("[a-z]+"\))+/g, '$1')
		.replace(/url\(fonts\//g, `url(${fontsBase}`);
}

/** The empty <style> KatexHead renders on a page with maths, which fillKatexStyle fills. */
const EMPTY_STYLE = /<style data-katex-inline="" data-fonts="([^"]*)"><\/style>/;

/**
 * The page's HTML with KaTeX's rules inside KatexHead's empty <style> (its data-fonts attribute
 * says where the fonts are from that page). HTML without that element is returned unchanged.
 */
export function fillKatexStyle(html: string, katexCss: string): string {
	return html.replace(EMPTY_STYLE, (element, fontsBase: string) =>
		element.replace('></style>', `>${inlinableKatexCss(katexCss, fontsBase)}</style>`)
	);
}
