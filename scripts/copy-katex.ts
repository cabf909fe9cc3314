/**
 * Copies KaTeX's stylesheet and its woff2 fonts from the katex package into static/katex/
 * (git-ignored), so the lesson steps that show maths can link them by a fixed URL (see
 * src/lib/maths/KatexHead.svelte) and the service worker keeps them with the other static files.
 * Every browser the site supports takes woff2, the first format in KaTeX's @font-face rules.
 * Idempotent: files already there with the same size are left alone.
 *
 * The stylesheet's fonts change from font-display: block to optional (src/lib/maths/stylesheet.ts
 * says why); a prerendered page inlines the same rules.
 */
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { withOptionalFonts } from '../src/lib/maths/stylesheet';
import { ROOT } from './lib/nodeData';

const require = createRequire(import.meta.url);
const DIST = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
const OUT = path.join(ROOT, 'static', 'katex');

async function sameSize(a: string, b: string): Promise<boolean> {
	try {
		return (await stat(a)).size === (await stat(b)).size;
	} catch {
		return false;
	}
}

async function copyIfChanged(from: string, to: string): Promise<boolean> {
	if (await sameSize(from, to)) return false;
	await copyFile(from, to);
	return true;
}

/** KaTeX's stylesheet with font-display: optional (see above); written only when it differs. */
async function copyStylesheet(from: string, to: string): Promise<boolean> {
	const css = withOptionalFonts(await readFile(from, 'utf8'));
	if ((await readFile(to, 'utf8').catch(() => '')) === css) return false;
	await writeFile(to, css);
	return true;
}

await mkdir(path.join(OUT, 'fonts'), { recursive: true });
let copied = Number(
	await copyStylesheet(path.join(DIST, 'katex.min.css'), path.join(OUT, 'katex.min.css'))
);
for (const font of (await readdir(path.join(DIST, 'fonts'))).filter((f) => f.endsWith('.woff2'))) {
	const done = await copyIfChanged(path.join(DIST, 'fonts', font), path.join(OUT, 'fonts', font));
	copied += Number(done);
}
console.log(`copy-katex: ${copied ? `${copied} files copied` : 'up to date'} (static/katex)`);
