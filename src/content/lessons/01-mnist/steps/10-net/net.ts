/**
 * The arithmetic behind step 10 (the net): how many parameters each layer has, what ReLU does,
 * and where the diagram draws things. Pure functions on plain arrays, tested in node.
 */
import { CLASSES, PIXELS } from '$lib/engine/config';

/** Parameters of Linear(inputs, hidden) -> ReLU -> Linear(hidden, classes). ReLU has none. */
export function netParamCounts(hidden: number, inputs = PIXELS, classes = CLASSES) {
	const w1 = inputs * hidden;
	const b1 = hidden;
	const w2 = hidden * classes;
	const b2 = classes;
	return { w1, b1, w2, b2, layer1: w1 + b1, layer2: w2 + b2, total: w1 + b1 + w2 + b2 };
}

/** ReLU: negative numbers become 0, the rest pass unchanged. */
export function relu(x: number): number {
	return x > 0 ? x : 0;
}

/** Points of y = max(0, x) on [lo, hi] for a small chart (the kink at 0 is always included). */
export function reluPoints(lo = -3, hi = 3, n = 13): { x: number; y: number }[] {
	const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
	if (lo < 0 && hi > 0 && !xs.includes(0)) xs.push(0);
	return xs.sort((a, b) => a - b).map((x) => ({ x, y: relu(x) }));
}

/**
 * Where step 10's diagram draws things, for a drawing `width` px wide: the input as one block,
 * `hidden` nodes in a column, ten outputs in a column. Heights are fixed; x positions share out
 * the width, with room on the left for the block and on the right for the output names.
 */
export function diagramLayout(width: number, hidden: number, classes = CLASSES) {
	const top = 26;
	const height = 300;
	const bottom = height - 46;
	const span = bottom - top;
	const inputX = Math.max(24, width * 0.06);
	const inputWidth = Math.max(26, Math.min(46, width * 0.07));
	const hiddenX = width * 0.5;
	const outputX = width - Math.max(44, width * 0.12);
	const hiddenStep = span / Math.max(1, hidden - 1);
	const outputStep = Math.min(24, span / Math.max(1, classes - 1));
	const outputTop = top + (span - outputStep * (classes - 1)) / 2;
	return {
		height,
		input: { x: inputX, y: top, width: inputWidth, height: span },
		hidden: Array.from({ length: hidden }, (_, i) => ({ x: hiddenX, y: top + i * hiddenStep })),
		outputs: Array.from({ length: classes }, (_, i) => ({
			x: outputX,
			y: outputTop + i * outputStep
		})),
		radius: Math.max(2.5, Math.min(4.5, hiddenStep / 2 - 0.5)),
		labelY: bottom + 22
	};
}

type DiagramLayout = ReturnType<typeof diagramLayout>;

/**
 * The diagram's wires as SVG path strings, one move-and-line per wire: `strong` from the block's
 * middle to each hidden unit; `faint`, one path per hidden unit, from the block's top and bottom
 * edges to that unit and from it to every output. 31 paths instead of one <line> per wire (390
 * for the notebook's 30 units): the page hydrates and lays out a few elements, not hundreds. A
 * path's stroke is drawn once, so wires within one path do not darken where they cross; one
 * path per unit keeps the darkening where the 30 units' wires meet at each output, as the
 * separate lines did.
 */
export function wirePaths(l: DiagramLayout): { strong: string; faint: string[] } {
	const right = l.input.x + l.input.width;
	const wire = (x1: number, y1: number, x2: number, y2: number) => `M${x1} ${y1}L${x2} ${y2}`;
	const strong = l.hidden.map((h) => wire(right, l.input.y + l.input.height / 2, h.x, h.y));
	const faint = l.hidden.map((h) =>
		[
			wire(right, l.input.y, h.x, h.y),
			wire(right, l.input.y + l.input.height, h.x, h.y),
			...l.outputs.map((o) => wire(h.x, h.y, o.x, o.y))
		].join('')
	);
	return { strong: strong.join(''), faint };
}
