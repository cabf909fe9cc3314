/**
 * A model kind's record (spec.ts) made real: tfjs variables filled from the run's seed, the
 * forward pass over them, and the same network as tf.layers layers. Engine only (tfjs); the page
 * reads the records through the pure registry (index.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config';
import type { TensorSnapshot } from '../protocol';
import { createRng, STREAM } from '../rng';
import { modelChoice, modelSpec, sizeOf, type ModelChoice } from './index';
import type { BackwardPass, Forward, ModelSpec, Pixels } from './spec';

export type { BackwardPass, Forward } from './spec';

/** A trainable tensor with the name the lesson uses for it (weights, bias, W1, b1, ...). */
export interface Param {
	name: string;
	variable: tf.Variable;
}

export interface Model {
	readonly spec: ModelSpec;
	/** The recipe it was built from (its kind and the fields that shape it). */
	readonly recipe: ModelChoice;
	readonly params: Param[];
	/** Call inside tf.tidy: the result's tensors belong to the caller's scope. */
	forward(x: Pixels): Forward;
	/**
	 * The kind's hand-written gradients (one per parameter, in order), when it has them; call
	 * inside tf.tidy. Absent: train.ts differentiates the forward pass with autodiff instead.
	 */
	backward?(pass: BackwardPass): tf.Tensor[];
	dispose(): void;
}

let uid = 0;

/** tfjs registers variables by name globally, so two runs must not reuse one. */
function makeParam(name: string, values: Float32Array, shape: number[]): Param {
	const initial = tf.tensor(values, shape, 'float32');
	const variable = tf.variable(initial, true, `${name}_${++uid}`);
	initial.dispose(); // the variable holds its own copy
	return { name, variable };
}

/** Builds the run's model with fresh weights drawn from the run's seed. */
export function createModel(recipe: ModelChoice & Pick<RunConfig, 'seed'>): Model {
	const spec = modelSpec(recipe.model);
	const rng = createRng(recipe.seed, STREAM.init);
	const params = spec
		.params(recipe)
		.map((p) => makeParam(p.name, p.init(rng, sizeOf(p.shape)), p.shape));
	const tensors = params.map((p) => p.variable);
	const backward = spec.backward;
	return {
		spec,
		recipe: modelChoice(recipe),
		params,
		forward: (x) => spec.forward(tf, tensors, x),
		...(backward && { backward: (pass: BackwardPass) => backward(tf, tensors, pass) }),
		dispose: () => tf.dispose(tensors)
	};
}

/** A recipe's network as a tf.layers Sequential, with fresh (tf.layers-initialised) weights. */
export function layersModel(recipe: ModelChoice): tf.Sequential {
	return tf.sequential({ layers: modelSpec(recipe.model).layers(tf, recipe) });
}

/** The model's network as tf.layers layers holding a copy of its current weights. */
export function layersOf(model: Model): tf.Sequential {
	const layers = layersModel(model.recipe);
	try {
		// Layer by layer, [kernel, bias]: exactly the model's parameters in order.
		layers.setWeights(model.params.map((p) => p.variable));
		return layers;
	} catch (error) {
		layers.dispose();
		throw error;
	}
}

/**
 * Throws, naming the first problem, unless `weights` fit the model: every name and shape in the
 * model's order, the right number of values, all finite.
 */
export function checkWeights(model: Model, weights: readonly TensorSnapshot[]): void {
	const params = model.params;
	if (weights.length !== params.length) {
		throw new Error(`the model has ${params.length} tensors, the weights ${weights.length}`);
	}
	params.forEach((param, i) => {
		const given = weights[i];
		const expected = param.variable.shape;
		if (given.name !== param.name || given.shape.join('x') !== expected.join('x')) {
			throw new Error(
				`weights ${i + 1} should be ${param.name} [${expected.join(', ')}], got ${given.name} [${given.shape.join(', ')}]`
			);
		}
		if (given.values.length !== param.variable.size) {
			throw new Error(`${param.name} should hold ${param.variable.size} numbers`);
		}
		if (!given.values.every(Number.isFinite)) {
			throw new Error(`${param.name} holds a value that is not a finite number`);
		}
	});
}

/** Replaces the model's parameters with these values (checked first: nothing changes if they do not fit). */
export function assignWeights(model: Model, weights: readonly TensorSnapshot[]): void {
	checkWeights(model, weights);
	tf.tidy(() => {
		model.params.forEach((param, i) =>
			param.variable.assign(tf.tensor(weights[i].values, weights[i].shape, 'float32'))
		);
	});
}
