/**
 * What a model kind is, as one record: the contract every model file in this folder fulfils.
 * A record states the model's parameters (names, shapes and initialisation, computed from the
 * recipe), which one is the first layer, how the site names the model, its forward pass and the
 * same network as tf.layers layers. The registry (index.ts) answers every generic question from
 * these records, so nothing else in the site spells out 'weights' or 'W1'.
 *
 * Records are pure: the page reads names, shapes and labels from them and must never load tfjs,
 * so tfjs is only a type here, and the engine hands the library in where a record builds
 * tensors (forward, backward, layers).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ModelField, RunConfig } from '../config';
import type { Rng } from '../rng';

export type Tf = typeof tfjs;

/** The recipe fields a model's shapes, initialisation and labels may depend on. */
export type ModelRecipe = Pick<RunConfig, ModelField>;

export interface TensorSpec {
	name: string;
	shape: number[];
}

/** Draws `count` initial values from the run's seeded generator. */
export type Init = (rng: Rng, count: number) => Float32Array;

export interface ParamSpec extends TensorSpec {
	init: Init;
}

/**
 * A training batch's pixels as their inked pixels only (engine/ink/inkProducts.ts): the first
 * layer's two products computed from about a fifth of the numbers, where the backend keeps
 * tensors in CPU memory. A batch is either this or a tensor x [B, 784] (see Pixels).
 */
export interface InkPixels {
	readonly rows: number;
	/** x @ w + bias [B, width], then ReLU when asked; w is [784, width]. */
	times(w: tfjs.Tensor2D, bias: tfjs.Tensor1D, relu: boolean): tfjs.Tensor2D;
	/** x^T @ d [784, width], for d [B, width]. */
	transposedTimes(d: tfjs.Tensor2D): tfjs.Tensor2D;
}

/** What a forward pass takes: pixels x [B, 784] as a tensor, or a training batch's ink. */
export type Pixels = tfjs.Tensor2D | InkPixels;

function isInk(x: Pixels): x is InkPixels {
	return 'transposedTimes' in x;
}

/**
 * The pixels as a tensor, for a kind without a hand-written backward pass: such a kind is always
 * given tensors (autodiff cannot see through the ink kernels; engine/batch.ts).
 */
export function tensorPixels(x: Pixels): tfjs.Tensor2D {
	if (isInk(x)) throw new Error('this model kind takes its pixels as a tensor');
	return x;
}

/** Digits in the batch. */
export function rowsOf(x: Pixels): number {
	return isInk(x) ? x.rows : x.shape[0];
}

/** The first layer: x @ w + bias, then ReLU when asked, in one fused kernel for a tensor x. */
export function pixelsTimes(
	tf: Tf,
	x: Pixels,
	w: tfjs.Tensor2D,
	bias: tfjs.Tensor1D,
	activation?: 'relu'
): tfjs.Tensor2D {
	if (isInk(x)) return x.times(w, bias, activation === 'relu');
	return tf.fused.matMul({ a: x, b: w, bias, activation }) as tfjs.Tensor2D;
}

/** The first layer's weight gradient x^T @ d, from the batch's ink or the fastest dense way. */
export function pixelsTransposedTimes(tf: Tf, pass: BackwardPass, d: tfjs.Tensor2D): tfjs.Tensor2D {
	return isInk(pass.x)
		? pass.x.transposedTimes(d)
		: transposedTimes(tf, pass, tensorPixels(pass.x), d, pass.xT);
}

export interface Forward {
	logits: tfjs.Tensor2D;
	/** The net's hidden activations after ReLU; absent for the linear learner. */
	hidden?: tfjs.Tensor2D;
}

/**
 * What a hand-written backward pass is given for one batch of B digits: the batch, what the
 * forward pass computed from it, and dL/dlogits of the batch's mean cross-entropy.
 */
export interface BackwardPass {
	/** The batch: x [B, 784], or its ink. */
	x: Pixels;
	/**
	 * The same batch transposed, x^T [784, B], when the backend multiplies much faster from it
	 * than with matMul's transposeA (WASM: about 8x for x^T @ dlogits); else null.
	 */
	xT: tfjs.Tensor2D | null;
	/**
	 * Whether matMul's transposeA / transposeB flags are free here (WebGL reads either way round
	 * in its shaders; the CPU backend steps through memory either way). WASM's fast product
	 * takes neither flag: with one, it falls back to a plain loop (about 4x slower even for the
	 * net's small [B, 30] matrices), so there small matrices are transposed first.
	 */
	transposeFlagsFast: boolean;
	forward: Forward;
	/** dL/dlogits [B, 10] = (softmax(logits) - onehot(labels)) / B. */
	dlogits: tfjs.Tensor2D;
}

/** What sets one model of a kind apart from another of the same kind. */
export interface ModelSize {
	/** In prose: "30 hidden units". */
	words: string;
	/** In a legend: "30 hidden". */
	short: string;
	/** In a file name: "h30". */
	slug: string;
}

export interface ModelSpec<K extends string = string> {
	readonly kind: K;
	/** The model in a word, for legends, buttons and file names: "linear", "net". */
	readonly short: string;
	/** The model as prose names it: "linear learner", "net". */
	readonly noun: string;
	/** The recipe fields this kind reads; changing any other model field changes nothing. */
	readonly fields: readonly ModelField[];
	/** What sets this model apart from others of its kind, when anything does. */
	size?(recipe: ModelRecipe): ModelSize;
	/** Its initialisation in words, when the recipe chooses it: "initial std 1". */
	initWords?(recipe: ModelRecipe): string;
	/**
	 * Every parameter, in the model's order. The seeded generator fills them in this order, so
	 * the order is part of what makes a seed's weights (and every share link's checksum).
	 */
	params(recipe: ModelRecipe): ParamSpec[];
	/** The parameter that takes the 784 pixels: drawn as weight maps, its gradient kept in history. */
	readonly firstLayer: string;
	/**
	 * Logits of a batch x [B, 784]; `params` in params() order. Called inside tf.tidy. Use the
	 * batch only through pixelsTimes (and pixelsTransposedTimes in backward): a training batch
	 * may be ink, not a tensor, and where it is a tensor on WASM it is refilled in place
	 * (engine/batch.ts), which is only safe as a product's left operand (WASM caches what it
	 * prepares from a product's right operand by the tensor's id).
	 */
	forward(tf: Tf, params: readonly tfjs.Tensor[], x: Pixels): Forward;
	/**
	 * dL/dp for every parameter, in params() order, written out by hand from dL/dlogits (the
	 * chain rule through this kind's forward pass). Called inside tf.tidy. Optional: a kind
	 * without one is differentiated by tfjs's autodiff (tf.variableGrads) instead; unit tests
	 * check every hand-written one against autodiff (tests/unit/engine/backward.test.ts).
	 */
	backward?(tf: Tf, params: readonly tfjs.Tensor[], pass: BackwardPass): tfjs.Tensor[];
	/**
	 * The same network as tf.layers layers ending in a softmax (the exported LayersModel): their
	 * weights, layer by layer, are exactly params() in order.
	 */
	layers(tf: Tf, recipe: ModelRecipe): tfjs.layers.Layer[];
}

/** randn(count) * std, as torch.randn draws it. */
export function normal(std: number): Init {
	return (rng, count) => {
		const out = new Float32Array(count);
		for (let i = 0; i < count; i++) out[i] = rng.normal() * std;
		return out;
	};
}

/** Uniform in [-bound, bound), as torch's nn.Linear initialises its weights and biases. */
export function uniform(bound: number): Init {
	return (rng, count) => {
		const out = new Float32Array(count);
		for (let i = 0; i < count; i++) out[i] = rng.uniform(-bound, bound);
		return out;
	};
}

/** a^T @ b the fastest way the backend allows: from aT if the caller has it (see BackwardPass). */
export function transposedTimes(
	tf: Tf,
	pass: Pick<BackwardPass, 'transposeFlagsFast'>,
	a: tfjs.Tensor2D,
	b: tfjs.Tensor2D,
	aT: tfjs.Tensor2D | null = null
): tfjs.Tensor2D {
	if (aT) return tf.matMul(aT, b);
	return pass.transposeFlagsFast ? tf.matMul(a, b, true, false) : tf.matMul(tf.transpose(a), b);
}

/** a @ b^T the fastest way the backend allows (see BackwardPass). */
export function timesTransposed(
	tf: Tf,
	pass: Pick<BackwardPass, 'transposeFlagsFast'>,
	a: tfjs.Tensor2D,
	b: tfjs.Tensor2D
): tfjs.Tensor2D {
	return pass.transposeFlagsFast ? tf.matMul(a, b, false, true) : tf.matMul(a, tf.transpose(b));
}
