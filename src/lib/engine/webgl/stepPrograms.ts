/**
 * The training step's one-pass WebGL programs (see stepKernels.ts for what each computes and
 * why). Each reads and writes packed textures, 2x2 values a texel, as tfjs's own products do, so
 * no pass is spent packing or unpacking between them and the products.
 *
 * registerStepPrograms() registers them with tfjs; enableStepPrograms() then runs each once on
 * the device beside the tfjs ops it replaces and uses them only if they agree, so a GPU driver
 * that computes one of them wrongly costs speed, never correctness.
 */
import * as tf from '@tensorflow/tfjs';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import {
	columnSums,
	descend,
	hiddenGradient,
	STEP_KERNEL,
	softmaxGradient,
	squaredNorms,
	useStepKernels
} from '../stepKernels';
import type { FastPathCheck } from '../protocol';
import { largestDifference } from './agreement';

/** Values in a packed texel outside the matrix (an odd last row or column) are set to 0. */
function outsideZeroed(rows: number, cols: number): string {
	return `
    bool lastCol = rc.y + 1 >= ${cols};
    bool lastRow = rc.x + 1 >= ${rows};
    result.y = lastCol ? 0.0 : result.y;
    result.z = lastRow ? 0.0 : result.z;
    result.w = lastCol || lastRow ? 0.0 : result.w;`;
}

/**
 * (softmax(logits) - oneHot) * gradScale for logits [rows, cols]. A texel holds rows r and r+1,
 * columns c and c+1; it reads both rows whole (10 classes: 5 texels) for their maximum and sum.
 */
export function softmaxGradientProgram([rows, cols]: number[]): GPGPUProgram {
	// The pairs of a row (x, y) and of the next row (z, w); a lone last column has only x and z.
	const pairs = (v: string, c: string, join: (a: string, b: string) => string) =>
		`(${c} + 1 < ${cols} ? vec2(${join(`${v}.x`, `${v}.y`)}, ${join(`${v}.z`, `${v}.w`)}) : ${v}.xz)`;
	return {
		variableNames: ['logits', 'oneHot'],
		outputShape: [rows, cols],
		packedInputs: true,
		packedOutput: true,
		customUniforms: [{ name: 'gradScale', type: 'float' }],
		userCode: `
  void main() {
    ivec2 rc = getOutputCoords();
    vec2 top = getLogits(rc.x, 0).xz;
    for (int c = 0; c < ${cols}; c += 2) {
      vec4 v = getLogits(rc.x, c);
      top = max(top, ${pairs('v', 'c', (a, b) => `max(${a}, ${b})`)});
    }
    vec2 total = vec2(0.0);
    for (int c = 0; c < ${cols}; c += 2) {
      vec4 e = exp(getLogits(rc.x, c) - top.xxyy);
      total += ${pairs('e', 'c', (a, b) => `${a} + ${b}`)};
    }
    vec4 p = exp(getLogitsAtOutCoords() - top.xxyy) / total.xxyy;
    vec4 result = (p - getOneHotAtOutCoords()) * gradScale;
    ${outsideZeroed(rows, cols)}
    setOutput(result);
  }`
	};
}

/**
 * (dlogits @ w2^T) where hidden > 0, else 0: dlogits [rows, k], w2 [cols, k], hidden [rows, cols].
 * A texel's 2x2 block of the product walks the k classes two at a time.
 */
export function hiddenGradientProgram([rows, k]: number[], [cols]: number[]): GPGPUProgram {
	return {
		variableNames: ['dlogits', 'w2', 'hidden'],
		outputShape: [rows, cols],
		packedInputs: true,
		packedOutput: true,
		userCode: `
  void main() {
    ivec2 rc = getOutputCoords();
    vec4 result = vec4(0.0);
    for (int j = 0; j < ${k}; j += 2) {
      vec4 d = getDlogits(rc.x, j);
      vec4 w = getW2(rc.y, j);
      // A lone last class: its pair's second value is outside the matrices.
      if (j + 1 >= ${k}) { d.yw = vec2(0.0); }
      result += vec4(dot(d.xy, w.xy), dot(d.xy, w.zw), dot(d.zw, w.xy), dot(d.zw, w.zw));
    }
    result *= vec4(greaterThan(getHiddenAtOutCoords(), vec4(0.0)));
    ${outsideZeroed(rows, cols)}
    setOutput(result);
  }`
	};
}

/** param - learningRate * grad, for tensors of any one shape. */
export function descendProgram(shape: number[]): GPGPUProgram {
	return {
		variableNames: ['param', 'grad'],
		outputShape: shape,
		packedInputs: true,
		packedOutput: true,
		customUniforms: [{ name: 'learningRate', type: 'float' }],
		userCode: `
  void main() {
    setOutput(getParamAtOutCoords() - learningRate * getGradAtOutCoords());
  }`
	};
}

/**
 * The sum of squares of each input, [shapes.length]. One output value per input, each summed by
 * one shader invocation walking its whole packed texture: a few thousand texels for the largest
 * gradient (the net's W1), far cheaper than tfjs's square and multi-pass sum per parameter.
 */
export function squaredNormsProgram(shapes: number[][]): GPGPUProgram {
	const sums = shapes.map((shape, i) => {
		const get = `getT${i}`;
		if (shape.length === 1) {
			const [n] = shape;
			return `
      for (int c = 0; c < ${n}; c += 2) {
        vec2 v = ${get}(c).xy;
        v.y = c + 1 < ${n} ? v.y : 0.0;
        total += dot(v, v);
      }`;
		}
		if (shape.length !== 2) throw new Error(`squaredNorms takes 1- and 2-d tensors, not ${shape}`);
		const [rows, cols] = shape;
		return `
      for (int r = 0; r < ${rows}; r += 2) {
        for (int c = 0; c < ${cols}; c += 2) {
          vec4 v = ${get}(r, c);
          bool lastCol = c + 1 >= ${cols};
          bool lastRow = r + 1 >= ${rows};
          v.y = lastCol ? 0.0 : v.y;
          v.z = lastRow ? 0.0 : v.z;
          v.w = lastCol || lastRow ? 0.0 : v.w;
          total += dot(v, v);
        }
      }`;
	});
	return {
		variableNames: shapes.map((_, i) => `t${i}`),
		outputShape: [shapes.length],
		packedInputs: true,
		userCode: `
  void main() {
    int which = getOutputCoords();
    float total = 0.0;
    ${sums
			.map(
				(sum, i) => `if (which == ${i}) {${sum}
    }`
			)
			.join(' else ')}
    setOutput(total);
  }`
	};
}

/**
 * The column sums of a matrix [rows, cols], [cols], packed: a texel holds columns c and c+1 and
 * walks the matrix's rows two at a time.
 */
export function columnSumsProgram([rows, cols]: number[]): GPGPUProgram {
	return {
		variableNames: ['matrix'],
		outputShape: [cols],
		packedInputs: true,
		packedOutput: true,
		userCode: `
  void main() {
    int c = getOutputCoords();
    vec2 total = vec2(0.0);
    for (int r = 0; r < ${rows}; r += 2) {
      vec4 v = getMatrix(r, c);
      total += v.xy + (r + 1 < ${rows} ? v.zw : vec2(0.0));
    }
    setOutput(vec4(total.x, c + 1 < ${cols} ? total.y : 0.0, 0.0, 0.0));
  }`
	};
}

type Inputs = Record<string, tf.TensorInfo>;

function kernel(
	kernelName: string,
	run: (inputs: Inputs, backend: MathBackendWebGL, attrs: Record<string, number>) => tf.TensorInfo
): tf.KernelConfig {
	return {
		kernelName,
		backendName: 'webgl',
		kernelFunc: ({ inputs, backend, attrs }) =>
			run(
				inputs as unknown as Inputs,
				backend as MathBackendWebGL,
				attrs as unknown as Record<string, number>
			)
	};
}

let registered = false;

/** Registers the programs as tfjs kernels for the WebGL backend (once; unused until enabled). */
export function registerStepPrograms(): void {
	if (registered) return;
	registered = true;
	tf.registerKernel(
		kernel(STEP_KERNEL.softmaxGradient, ({ logits, oneHot }, backend, { scale }) =>
			backend.runWebGLProgram(softmaxGradientProgram(logits.shape), [logits, oneHot], 'float32', [
				[scale]
			])
		)
	);
	tf.registerKernel(
		kernel(STEP_KERNEL.hiddenGradient, ({ dlogits, w2, hidden }, backend) =>
			backend.runWebGLProgram(
				hiddenGradientProgram(dlogits.shape, w2.shape),
				[dlogits, w2, hidden],
				'float32'
			)
		)
	);
	tf.registerKernel(
		kernel(STEP_KERNEL.descend, ({ param, grad }, backend, { lr }) =>
			backend.runWebGLProgram(descendProgram(param.shape), [param, grad], 'float32', [[lr]])
		)
	);
	tf.registerKernel(
		kernel(STEP_KERNEL.columnSums, ({ matrix }, backend) =>
			backend.runWebGLProgram(columnSumsProgram(matrix.shape), [matrix], 'float32')
		)
	);
	tf.registerKernel(
		kernel(STEP_KERNEL.squaredNorms, (inputs, backend, { count }) => {
			const tensors = Array.from({ length: count }, (_, i) => inputs[`t${i}`]);
			return backend.runWebGLProgram(
				squaredNormsProgram(tensors.map((t) => t.shape)),
				tensors,
				'float32'
			);
		})
	);
}

/** Deterministic test values: a spread of magnitudes and signs, zeros included. */
function values(shape: [number, number] | [number], salt: number): tf.Tensor {
	const size = shape.reduce((a, b) => a * b, 1);
	const data = Float32Array.from({ length: size }, (_, i) =>
		i % 7 === 3 ? 0 : 4 * Math.sin(1.7 * i + salt)
	);
	return tf.tensor(data, shape);
}

function oneHotRows(rows: number, cols: number): tf.Tensor2D {
	return tf
		.oneHot(
			tf.tensor1d(
				Array.from({ length: rows }, (_, i) => (i * 3) % cols),
				'int32'
			),
			cols
		)
		.toFloat() as tf.Tensor2D;
}

/** Every case through the stepKernels functions: odd and even shapes, so the texel padding is hit. */
async function checkCases(): Promise<Float32Array[]> {
	const results = tf.tidy(() =>
		[
			[5, 10],
			[4, 7]
		].flatMap(([rows, cols]) => {
			const logits = values([rows, cols], rows) as tf.Tensor2D;
			const hidden = values([rows, cols], 2 * cols) as tf.Tensor2D;
			return [
				softmaxGradient(tf, logits, oneHotRows(rows, cols), 1 / rows),
				hiddenGradient(
					tf,
					{ transposeFlagsFast: true },
					logits,
					values([3, cols], 7) as tf.Tensor2D,
					values([rows, 3], 9) as tf.Tensor2D
				),
				descend(tf, values([cols], 1), values([cols], 3), 0.37),
				descend(tf, logits, hidden, 0.1),
				squaredNorms(tf, [logits, values([cols], 5), hidden]),
				columnSums(tf, logits)
			];
		})
	);
	const read = await Promise.all(results.map((t) => t.data() as Promise<Float32Array>));
	tf.dispose(results);
	return read;
}

/**
 * Registers the programs and runs every check case with them and with tfjs's ops on the current
 * (WebGL) backend; the programs stay in use only if the two agree within `tolerance`.
 */
export async function enableStepPrograms(tolerance: number): Promise<FastPathCheck> {
	registerStepPrograms();
	const backend = tf.getBackend();
	useStepKernels(backend, false);
	const expected = await checkCases();
	useStepKernels(backend, true);
	let maxError: number;
	try {
		const actual = await checkCases();
		maxError = Math.max(...actual.map((values, i) => largestDifference(values, expected[i])));
	} catch {
		maxError = Infinity;
	}
	const used = maxError <= tolerance;
	useStepKernels(backend, used);
	return { used, maxError };
}
