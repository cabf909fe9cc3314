import { describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import type { EpochMetrics } from '$lib/engine/protocol';
import {
	bestLinearRun,
	gradNormSeries,
	netRecipe
} from '$content/lessons/01-mnist/steps/11-train-net/presets';
import { formatCount } from '$lib/formatCount';
import { netParamCounts, relu, reluPoints } from '$content/lessons/01-mnist/steps/10-net/net';
import {
	buildWords,
	nextNet,
	offCount,
	offRanges,
	revealOff
} from '$content/lessons/01-mnist/steps/10-net/build';

const BASE: RunConfig = {
	model: 'linear',
	lr: 0.1,
	batchSize: 256,
	epochs: 20,
	initStd: 1,
	hidden: 30,
	order: 'sequential',
	seed: 7,
	accuracy: 'notebook',
	trainSubset: 0
};

function epoch(n: number, exact: number): EpochMetrics {
	return {
		epoch: n,
		trainLoss: 1,
		validLoss: 1,
		validAccuracy: exact,
		exactAccuracy: exact,
		notebookAccuracy: exact,
		seconds: 1
	};
}

describe('the net’s parameters', () => {
	it('counts 23,550 + 310 = 23,860 for 30 hidden units', () => {
		const c = netParamCounts(30);
		expect(c).toMatchObject({ w1: 23_520, b1: 30, w2: 300, b2: 10 });
		expect(c.layer1).toBe(23_550);
		expect(c.layer2).toBe(310);
		expect(c.total).toBe(23_860);
		expect(formatCount(c.total)).toBe('23,860');
	});

	it('grows with the hidden size', () => {
		expect(netParamCounts(1).total).toBe(784 + 1 + 10 + 10);
		expect(netParamCounts(100).total).toBe(78_500 + 1010);
	});
});

describe('ReLU', () => {
	it('zeroes negatives and keeps positives', () => {
		expect([-2, -0.1, 0, 0.5, 3].map(relu)).toEqual([0, 0, 0, 0.5, 3]);
	});

	it('draws its kink at 0', () => {
		const pts = reluPoints(-3, 3, 4);
		expect(pts.map((p) => p.x)).toEqual([-3, -1, 0, 1, 3]);
		expect(pts.map((p) => p.y)).toEqual([0, 0, 0, 1, 3]);
	});
});

describe('the two presets', () => {
	it('the notebook’s: lr 1e-3, class order, exact accuracy, 20 epochs of 256', () => {
		expect(netRecipe(BASE, 'notebook')).toEqual({
			...BASE,
			model: 'mlp',
			lr: 0.001,
			order: 'sequential',
			accuracy: 'exact',
			epochs: 20,
			batchSize: 256
		});
	});

	it('the usual practice: shuffled, lr 0.1, same seed', () => {
		const r = netRecipe({ ...BASE, trainSubset: 500 }, 'usual');
		expect(r).toMatchObject({ model: 'mlp', lr: 0.1, order: 'shuffled', seed: 7, trainSubset: 0 });
	});
});

describe('the linear learner’s best run', () => {
	it('is the best exact accuracy of any linear run, in any epoch', () => {
		const runs = [
			{ label: 'notebook', config: BASE, epochs: [epoch(1, 0.5), epoch(2, 0.6)] },
			{ label: 'all on', config: BASE, epochs: [epoch(1, 0.91), epoch(2, 0.9)] },
			{ label: 'net', config: { ...BASE, model: 'mlp' as const }, epochs: [epoch(1, 0.97)] }
		];
		expect(bestLinearRun(runs)).toEqual({ label: 'all on', accuracy: 0.91, epoch: 1 });
	});

	it('is null before any linear run', () => {
		expect(bestLinearRun([])).toBeNull();
	});
});

describe('gradient sizes on a log axis', () => {
	const norms = Array.from({ length: 1000 }, (_, i) => ({
		step: i + 1,
		norms: [1 / (i + 1), 0.5, 0, 2]
	}));

	it('keeps one series per parameter, thinned, with the last batch', () => {
		const s = gradNormSeries(norms, ['W1', 'b1', 'W2', 'b2'], 1, 100);
		expect(s.map((x) => x.name)).toEqual(['W1', 'b1', 'W2', 'b2']);
		expect(s[0].points.length).toBeLessThanOrEqual(101);
		expect(s[0].points.at(-1)).toEqual({ x: 1000, y: 0.001 });
		// A zero norm cannot be drawn on a log axis.
		expect(s[2].points).toEqual([]);
	});
});

describe('the diagram’s layout', () => {
	it('puts 30 hidden nodes and 10 outputs inside the drawing, left to right', async () => {
		const { diagramLayout } = await import('$content/lessons/01-mnist/steps/10-net/net');
		for (const width of [340, 900]) {
			const l = diagramLayout(width, 30);
			expect(l.hidden).toHaveLength(30);
			expect(l.outputs).toHaveLength(10);
			expect(l.input.x + l.input.width).toBeLessThan(l.hidden[0].x);
			expect(l.hidden[0].x).toBeLessThan(l.outputs[0].x);
			expect(l.outputs[0].x).toBeLessThan(width);
			const ys = [...l.hidden, ...l.outputs].map((p) => p.y);
			expect(Math.min(...ys)).toBeGreaterThan(0);
			expect(Math.max(...ys)).toBeLessThan(l.labelY);
			expect(l.labelY).toBeLessThan(l.height);
		}
	});

	it('draws every wire once: 30 from the block’s middle, 30 x 2 from its edges, 30 x 10 to the outputs', async () => {
		const { diagramLayout, wirePaths } = await import('$content/lessons/01-mnist/steps/10-net/net');
		const l = diagramLayout(640, 30);
		const { strong, faint } = wirePaths(l);
		const segments = (d: string) =>
			[...d.matchAll(/M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)/g)].map((m) => m.slice(1).map(Number));
		expect(segments(strong)).toHaveLength(30);
		// One faint path per hidden unit, so the 30 units' wires still darken where they meet.
		expect(faint).toHaveLength(30);
		faint.forEach((unit, i) => {
			expect(segments(unit)).toHaveLength(2 + 10);
			// Every wire of unit i's path starts or ends at unit i.
			const atUnit = (x: number, y: number) => x === l.hidden[i].x && y === l.hidden[i].y;
			for (const [x1, y1, x2, y2] of segments(unit)) {
				expect(atUnit(x1, y1) || atUnit(x2, y2)).toBe(true);
			}
		});
		const right = l.input.x + l.input.width;
		// The first strong wire: block middle to hidden unit 0; the last faint: unit 29 to output 9.
		expect(segments(strong)[0]).toEqual([
			right,
			l.input.y + l.input.height / 2,
			l.hidden[0].x,
			l.hidden[0].y
		]);
		expect(segments(faint.join('')).at(-1)).toEqual([
			l.hidden[29].x,
			l.hidden[29].y,
			l.outputs[9].x,
			l.outputs[9].y
		]);
	});
});

describe('step 10’s Run and question', () => {
	it('builds the net from the run’s seed, then from the next one each press', () => {
		expect(nextNet(BASE)).toMatchObject({ model: 'mlp', hidden: 30, seed: BASE.seed });
		expect(buildWords(BASE)).toBe(`Build the net with fresh weights from seed ${BASE.seed}`);
		const net = nextNet(BASE);
		expect(nextNet(net).seed).toBe(net.seed + 1);
		expect(buildWords(net)).toBe(
			`Build the net again with fresh weights from seed ${net.seed + 1}`
		);
	});

	it('asks how many units are off in four ranges that cover 0 to 30 once', () => {
		const ranges = offRanges(30);
		expect(ranges.map((r) => r.label)).toEqual(['0 to 8', '9 to 15', '16 to 23', '24 to 30']);
		for (let off = 0; off <= 30; off++)
			expect(ranges.filter((r) => off >= r.lo && off <= r.hi)).toHaveLength(1);
	});

	it('answers from the digit’s own activations', () => {
		const hidden = Float32Array.from({ length: 30 }, (_, i) => (i < 17 ? 0 : i / 10));
		expect(offCount(hidden)).toBe(17);
		const digit = { index: 42, label: 7, probabilities: new Float32Array(10), hidden };
		const reveal = revealOff(digit as never, 3, false)!;
		expect(reveal.answer).toBe('16-23');
		expect(reveal.why).toContain(
			'ReLU switched off 17 of the 30 hidden units for test digit #42 (a 7)'
		);
		expect(reveal.why).toContain('seed 3');
		expect(revealOff({ ...digit, hidden: undefined } as never, 3, false)).toBeNull();
	});
});
