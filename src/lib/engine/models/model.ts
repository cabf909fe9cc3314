import * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../config';

/** A trainable tensor with the name the lesson uses for it (weights, bias, W1, b1, ...). */
export interface Param {
	name: string;
	variable: tf.Variable;
}

export interface Forward {
	logits: tf.Tensor2D;
	/** The net's hidden activations after ReLU; absent for the linear learner. */
	hidden?: tf.Tensor2D;
}

export interface Model {
	readonly kind: ModelKind;
	readonly params: Param[];
	/** Call inside tf.tidy: the result's tensors belong to the caller's scope. */
	forward(x: tf.Tensor2D): Forward;
	dispose(): void;
}

let uid = 0;

/** tfjs registers variables by name globally, so two runs must not reuse one. */
export function makeParam(name: string, values: Float32Array, shape: number[]): Param {
	const initial = tf.tensor(values, shape, 'float32');
	const variable = tf.variable(initial, true, `${name}_${++uid}`);
	initial.dispose(); // the variable holds its own copy
	return { name, variable };
}

export function disposeParams(params: Param[]): void {
	for (const p of params) p.variable.dispose();
}
