import { describe, expect, it } from 'vitest';
import { composeChartSvg, layoutKeys } from '$lib/viz/save/chartSvg';
import { keyTicks, layoutGrid, PAD, type DrawOp } from '$lib/viz/save/gridLayout';
import { imageFileName, placeFromPath, slugify } from '$lib/viz/save/name';
import { DEFAULT_PALETTE, escapeXml, estimateWidth, font, wrapText } from '$lib/viz/save/text';

describe('file names', () => {
	it('says what the picture is and where it was saved', () => {
		expect(imageFileName('weights', 'step-8', 'png')).toBe('digit-lab-weights-step-8.png');
		expect(imageFileName('Loss against epoch', 'playground', 'svg')).toBe(
			'digit-lab-loss-against-epoch-playground.svg'
		);
	});
	it('keeps file names short, ASCII and free of symbols', () => {
		expect(slugify('W[:, c], the 784 weights of each digit c as a 28 × 28 picture')).toBe(
			'w-c-the-784-weights-of'
		);
		expect(slugify('‖dL/dW1‖ naïve')).toBe('dl-dw1-naive');
		expect(imageFileName('', '', 'png')).toBe('digit-lab.png');
	});
	it('reads the place off the path, home for the root', () => {
		expect(placeFromPath('/lesson/train')).toBe('train');
		expect(placeFromPath('/digit-lab/playground/')).toBe('playground');
		expect(placeFromPath('/')).toBe('home');
	});
});

describe('text', () => {
	it('wraps at spaces within the width', () => {
		const measure = (text: string) => text.length * 10;
		expect(wrapText('one two three four', 90, font(12), measure)).toEqual([
			'one two',
			'three',
			'four'
		]);
		expect(wrapText('unbreakableword', 50, font(12), measure)).toEqual(['unbreakableword']);
		expect(wrapText('', 50, font(12), measure)).toEqual([]);
	});
	it('estimates width from the font size', () => {
		expect(estimateWidth('abcd', font(10))).toBeCloseTo(4 * 10 * 0.56);
	});
	it('escapes markup', () => {
		expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
	});
});

const measure = (text: string) => text.length * 7;
const tiles = Array.from({ length: 10 }, (_, i) => ({ name: String(i), width: 28, height: 28 }));
const ofKind = <K extends DrawOp['kind']>(ops: DrawOp[], kind: K) =>
	ops.filter((op): op is Extract<DrawOp, { kind: K }> => op.kind === kind);

describe('layoutGrid', () => {
	const spec = {
		title: 'Weights',
		tiles,
		tileSize: 84,
		perRow: 5,
		key: {
			domain: [-0.5, 0.5] as [number, number],
			scheme: 'diverging' as const,
			caption: 'red negative'
		},
		caption: 'Weights: 10 weight maps.',
		palette: DEFAULT_PALETTE,
		measure
	};

	it('puts every tile in rows of perRow with its name under it', () => {
		const layout = layoutGrid(spec);
		const placed = ofKind(layout.ops, 'tile');
		expect(placed.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(new Set(placed.map((t) => t.y)).size).toBe(2);
		expect(placed[0]).toMatchObject({ x: PAD, w: 84, h: 84 });
		expect(placed[5].x).toBe(PAD);
		expect(placed[5].y).toBeGreaterThan(placed[0].y + 84);
		const names = ofKind(layout.ops, 'text').filter((t) => t.align === 'center');
		expect(names.slice(0, 10).map((t) => t.text)).toEqual(tiles.map((t) => t.name));
	});

	it('fits everything inside the picture, on the paper colour', () => {
		const layout = layoutGrid(spec);
		expect(layout.width).toBe(5 * 84 + 4 * 10 + 2 * PAD);
		expect(layout.ops[0]).toEqual({
			kind: 'rect',
			x: 0,
			y: 0,
			w: layout.width,
			h: layout.height,
			fill: DEFAULT_PALETTE.paper
		});
		for (const op of layout.ops) {
			if ('y' in op) expect(op.y).toBeLessThanOrEqual(layout.height - PAD + 1);
			if ('x' in op && 'w' in op) expect(op.x + op.w).toBeLessThanOrEqual(layout.width);
		}
	});

	it('draws the title first and the key with its end and zero ticks', () => {
		const layout = layoutGrid(spec);
		const texts = ofKind(layout.ops, 'text').map((t) => t.text);
		expect(texts[0]).toBe('Weights');
		expect(texts).toEqual(expect.arrayContaining(['-0.5', '0', '0.5', 'red negative']));
		expect(texts.at(-1)).toBe('Weights: 10 weight maps.');
		expect(ofKind(layout.ops, 'gradient')[0].stops).toHaveLength(17);
		expect(ofKind(layout.ops, 'line')).toHaveLength(3);
	});

	it('wraps a long title and grows to fit it', () => {
		const short = layoutGrid(spec);
		const long = layoutGrid({ ...spec, title: 'a long title '.repeat(20) });
		expect(long.height).toBeGreaterThan(short.height);
		expect(long.width).toBe(short.width);
	});

	it('keeps a small gallery at least 320 pixels wide, without a key', () => {
		const layout = layoutGrid({
			...spec,
			tiles: tiles.slice(0, 2),
			key: undefined,
			caption: undefined
		});
		expect(layout.width).toBe(320);
		expect(ofKind(layout.ops, 'gradient')).toHaveLength(0);
	});

	it('ticks zero only when it lies inside the key', () => {
		expect(keyTicks([-1, 2])).toEqual([-1, 0, 2]);
		expect(keyTicks([0, 2])).toEqual([0, 2]);
	});
});

describe('composeChartSvg', () => {
	const chart = {
		markup:
			'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><text>epoch</text></svg>',
		width: 400,
		height: 200
	};

	it('frames the chart with its title, key and caption on paper', () => {
		const { svg, width, height } = composeChartSvg({
			title: 'Loss against epoch',
			keys: [
				{ label: 'train', color: '#0072B2' },
				{ label: 'test', color: '#D55E00', dashed: true }
			],
			caption: 'Lower is better',
			chart,
			palette: DEFAULT_PALETTE
		});
		expect(width).toBe(432);
		expect(height).toBeGreaterThan(200 + 16 + 16);
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="432"/);
		expect(svg).toContain('<title>Loss against epoch</title>');
		expect(svg).toContain('>train</text>');
		expect(svg).toContain('stroke-dasharray="5 4"');
		expect(svg).toContain('>Lower is better</text>');
		expect(svg).toContain('<svg x="16" y="');
		expect(svg).not.toContain('<?xml');
		expect(svg).toContain(`fill="${DEFAULT_PALETTE.paper}"`);
	});

	it('escapes words that look like markup', () => {
		const { svg } = composeChartSvg({ title: 'a < b & c', chart, palette: DEFAULT_PALETTE });
		expect(svg).toContain('<title>a &lt; b &amp; c</title>');
	});

	it('wraps keys onto rows when they do not fit', () => {
		const keys = Array.from({ length: 6 }, (_, i) => ({ label: `series ${i}`, color: '#000' }));
		expect(layoutKeys(keys, 1000).rows).toBe(1);
		const narrow = layoutKeys(keys, 200);
		expect(narrow.rows).toBeGreaterThan(1);
		expect(narrow.placed.every((p) => p.x === 0 || p.x < 200)).toBe(true);
		expect(layoutKeys([], 200).rows).toBe(0);
	});
});
