/**
 * Five pieces of a training step that tfjs runs as several shader passes each, as one pass each
 * where the backend has them (WebGL: webgl/stepPrograms.ts), else as tfjs ops:
 *   softmaxGradient  dL/dlogits = (softmax(logits) - onehot) * scale        (tfjs: 7 passes)
 *   hiddenGradient   the net's dL/dH before ReLU: (dL/dlogits @ W2^T) where H > 0
 *                                                        (tfjs: a product, step, multiply)
 *   columnSums       a bias's gradient: dL/d(layer output) summed over the batch
 *                                         (tfjs: transpose, unpack, two reductions, pack)
 *   descend          p - lr * grad                                 (tfjs: multiply, subtract)
 *   squaredNorms     each gradient's sum of squares, for the gradient norms
 *                                                  (tfjs: square and a sum per parameter)
 * On software WebGL each pass costs about a millisecond of a 10-15 ms step (npm run bench --
 * --profile=1); on a real GPU each is a draw call and a texture. On WASM and the CPU backend a
 * pass costs microseconds and the products dominate, so there the ops run.
 * Each program must give what its ops give: webgl/stepPrograms.ts checks that on the device
 * before they are used. tfjs is handed in, as model records do (models/spec.ts): a record's
 * backward pass calls these, and the page, which reads the records, must not load tfjs.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { timesTransposed, type BackwardPass, type Tf } from './models/spec';

/** The kernels' names in tfjs's registry (registered for WebGL only). */
export const STEP_KERNEL = {
	softmaxGradient: 'DigitLabSoftmaxGradient',
	hiddenGradient: 'DigitLabHiddenGradient',
	descend: 'DigitLabDescend',
	squaredNorms: 'DigitLabSquaredNorms',
	columnSums: 'DigitLabColumnSums'
} as const;

/** Backends that are asked to use the one-kernel versions; set from webgl/stepPrograms.ts. */
const enabled = new Set<string>();

/** Lets the current tfjs backend `backend` run the registered kernels (or stop doing so). */
export function useStepKernels(backend: string, use: boolean): void {
	if (use) enabled.add(backend);
	else enabled.delete(backend);
}

function fused(tf: Tf): boolean {
	return enabled.has(tf.getBackend());
}

/** (softmax(logits) - oneHot) * scale, row by row: the batch's dL/dlogits when scale is 1/B. */
export function softmaxGradient(
	tf: Tf,
	logits: tfjs.Tensor2D,
	oneHot: tfjs.Tensor2D,
	scale: number
): tfjs.Tensor2D {
	if (fused(tf)) {
		return tf
			.engine()
			.runKernel(STEP_KERNEL.softmaxGradient, { logits, oneHot }, { scale }) as tfjs.Tensor2D;
	}
	return tf.tidy(() => tf.mul(tf.sub(tf.softmax(logits), oneHot), scale));
}

/**
 * The gradient at the net's hidden layer, before its ReLU: dL/dH = dL/dlogits @ W2^T, passed
 * only where the unit was active (hidden > 0) and 0 where it was not (tfjs's step(0) is 0 too).
 */
export function hiddenGradient(
	tf: Tf,
	pass: Pick<BackwardPass, 'transposeFlagsFast'>,
	dlogits: tfjs.Tensor2D,
	w2: tfjs.Tensor2D,
	hidden: tfjs.Tensor2D
): tfjs.Tensor2D {
	if (fused(tf)) {
		return tf
			.engine()
			.runKernel(STEP_KERNEL.hiddenGradient, { dlogits, w2, hidden }) as tfjs.Tensor2D;
	}
	return tf.tidy(() => tf.mul(timesTransposed(tf, pass, dlogits, w2), tf.step(hidden)));
}

/** param - lr * grad: one step of gradient descent on one parameter. */
export function descend(tf: Tf, param: tfjs.Tensor, grad: tfjs.Tensor, lr: number): tfjs.Tensor {
	if (fused(tf)) {
		return tf.engine().runKernel(STEP_KERNEL.descend, { param, grad }, { lr }) as tfjs.Tensor;
	}
	return tf.tidy(() => tf.sub(param, tf.mul(grad, lr)));
}

/** Each tensor's sum of squares, [tensors.length]: the squared L2 norms of a step's gradients. */
export function squaredNorms(tf: Tf, tensors: readonly tfjs.Tensor[]): tfjs.Tensor1D {
	if (fused(tf)) {
		const inputs = Object.fromEntries(tensors.map((t, i) => [`t${i}`, t]));
		return tf
			.engine()
			.runKernel(STEP_KERNEL.squaredNorms, inputs, { count: tensors.length }) as tfjs.Tensor1D;
	}
	return tf.tidy(() => tf.stack(tensors.map((t) => tf.sum(tf.square(t))))) as tfjs.Tensor1D;
}

/** The sum of each column of a matrix [rows, cols], [cols]: tf.sum(matrix, 0). */
export function columnSums(tf: Tf, matrix: tfjs.Tensor2D): tfjs.Tensor1D {
	if (fused(tf)) {
		return tf.engine().runKernel(STEP_KERNEL.columnSums, { matrix }) as tfjs.Tensor1D;
	}
	return tf.sum(matrix, 0);
}
