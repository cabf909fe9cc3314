/**
 * npm run og (runs before every build): draws the link-preview card of every page into
 * static/og/*.png (git-ignored). The list of cards comes from src/lib/meta/pages.ts and the
 * lesson's record.
 *
 * Fast and deterministic: a few hundred milliseconds of plain-TypeScript training, the same
 * bytes on every run, and a file is only rewritten when its bytes change.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { allCards } from '../../src/lib/meta/pages';
import type { CardSpec } from '../../src/lib/meta/tags';
import { loadMnistFromDisk, ROOT } from '../lib/nodeData';
import { drawCard } from './card';
import { TrueTypeFont } from './font';
import { encodePng } from './png';
import { stripCells, trainLinear } from './strips';

const FONT_DIR = path.join(ROOT, 'node_modules/katex/dist/fonts');
const STATIC_DIR = path.join(ROOT, 'static');

/**
 * Reads the lesson's record through Vite, exactly as the site does, so a new step gets its card.
 * Only the words matter here: its panels (.svelte), styles and SvelteKit's $app modules are
 * stood in for by empty modules, so no component is compiled.
 */
async function loadCards(): Promise<CardSpec[]> {
	const { module } = await runnerImport<typeof import('../../src/routes/lesson/lesson')>(
		'/src/routes/lesson/lesson.ts',
		{
			configFile: false,
			root: ROOT,
			logLevel: 'error',
			plugins: [wordsOnly()],
			resolve: {
				alias: {
					$lib: path.join(ROOT, 'src/lib'),
					$content: path.join(ROOT, 'src/content')
				}
			}
		}
	);
	return allCards(module.LESSON);
}

const STAND_IN = '\0og-stand-in';

function wordsOnly(): Plugin {
	return {
		name: 'og-words-only',
		enforce: 'pre',
		resolveId: (id) =>
			/\.(svelte|css)$/.test(id) || id.startsWith('$app/') ? STAND_IN : undefined,
		load: (id) =>
			id === STAND_IN ? 'export default {}; export const resolve = () => "";' : undefined
	};
}

async function writeIfChanged(file: string, bytes: Buffer): Promise<boolean> {
	const old = await readFile(file).catch(() => null);
	if (old && old.equals(bytes)) return false;
	await mkdir(path.dirname(file), { recursive: true });
	await writeFile(file, bytes);
	return true;
}

async function main(): Promise<void> {
	const started = Date.now();
	const [cards, mnist] = await Promise.all([loadCards(), loadMnistFromDisk()]);
	const data = { images: mnist.trainImages, labels: mnist.trainLabels };
	const trained = trainLinear(data);
	const fonts = {
		bold: TrueTypeFont.fromFile(
			path.join(FONT_DIR, 'KaTeX_SansSerif-Bold.ttf'),
			TrueTypeFont.fromFile(path.join(FONT_DIR, 'KaTeX_Main-Bold.ttf'))
		),
		regular: TrueTypeFont.fromFile(
			path.join(FONT_DIR, 'KaTeX_SansSerif-Regular.ttf'),
			TrueTypeFont.fromFile(path.join(FONT_DIR, 'KaTeX_Main-Regular.ttf'))
		)
	};
	const strips = new Map<string, Uint8Array[]>();
	let written = 0;
	for (const card of cards) {
		let strip = strips.get(card.strip);
		if (!strip) strips.set(card.strip, (strip = stripCells(card.strip, data, trained)));
		const canvas = drawCard(card, strip, fonts);
		const png = encodePng(canvas.width, canvas.height, canvas.rgb);
		if (await writeIfChanged(path.join(STATIC_DIR, card.file), png)) written++;
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(
		`og: ${cards.length} link-preview cards in static/og (${written} rewritten, ${seconds} s)`
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
