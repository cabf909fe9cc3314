/**
 * The first layer's two products, x @ W and x^T @ d, computed from a batch's inked pixels only.
 * About 150 of a digit's 784 pixels are not black, so both products do a fifth of the dense
 * work, and the batch is never written out as 784 floats a digit: a batch is its image numbers,
 * and the kernels (inkKernels.wat, WASM SIMD) read each image's ink from the ink index
 * (data/inkIndex.ts), copied once into their memory.
 *
 * Measured in node on this 2-core machine, for a batch of 256: x @ W 0.18 ms and x^T @ d 0.18 ms
 * for the linear learner's 10 columns, 0.26 and 0.25 ms for the net's 30; filling x and x^T
 * densely for tfjs's products took 0.5-0.6 ms a batch before either product ran.
 *
 * Only where tensors live in CPU memory (the WASM and CPU backends): the weights and dL/dH are
 * read each step (on WASM straight from tfjs's heap: tensorFloats.ts), which on WebGL would wait
 * for the GPU.
 */
import * as tf from '@tensorflow/tfjs';
import { inkIndex, SCALED } from '../../data/inkIndex';
import { PIXELS } from '../config';
import type { InkPixels } from '../models/spec';
import { INK_KERNELS_BASE64 } from './inkKernels.wasm';
import { floatsOf, tensorFilled } from './tensorFloats';

/** What both kernels take first: where the ink index lies, and the batch (its image numbers). */
type InkArgs = [
	starts: number,
	positions: number,
	values: number,
	scale: number,
	images: number,
	rows: number
];

interface Kernels {
	memory: WebAssembly.Memory;
	times(
		...args: [...InkArgs, w: number, bias: number, width: number, relu: number, out: number]
	): void;
	transposedTimes(
		...args: [...InkArgs, d: number, width: number, grad: number, gradBytes: number]
	): void;
}

const PAGE_BYTES = 65_536;

/** Byte offsets rounded up to 16, so that every matrix row starts on a SIMD vector. */
function aligned(bytes: number): number {
	return Math.ceil(bytes / 16) * 16;
}

/** Columns rounded up to 16: the kernels work in blocks of 16; padding columns are ignored. */
function paddedWidth(width: number): number {
	return Math.ceil(width / 16) * 16;
}

function compile(): Kernels {
	const bytes = Uint8Array.from(atob(INK_KERNELS_BASE64), (c) => c.charCodeAt(0));
	// Synchronous: the module is under 1 kB, and it is compiled once per worker.
	const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
	return instance.exports as unknown as Kernels;
}

/**
 * Copies `rows` rows of `width` floats into rows of `padded` floats at float offset `at`, the
 * padding columns set to 0. Not left as they were: the memory is shared by every product, and
 * whatever a padding column held kept being multiplied into the next product's padding, down to
 * subnormal numbers, which x86 multiplies very slowly. A net trained after another run in the
 * same worker took about 1.5x as long before the padding was zeroed.
 */
export function padRows(
	from: Float32Array,
	rows: number,
	width: number,
	padded: number,
	to: Float32Array,
	at: number
) {
	if (width === padded) {
		to.set(from.subarray(0, rows * width), at);
		return;
	}
	// A plain loop: a subarray per row would allocate 784 views a call.
	for (let r = 0; r < rows; r++) {
		const source = r * width;
		const target = at + r * padded;
		for (let c = 0; c < width; c++) to[target + c] = from[source + c];
		for (let c = width; c < padded; c++) to[target + c] = 0;
	}
}

/** The reverse of padRows: rows x width floats into `to`, from rows of `padded` at offset `at`. */
function unpadRows(
	from: Float32Array,
	at: number,
	rows: number,
	width: number,
	padded: number,
	to: Float32Array
): void {
	if (width === padded) {
		to.set(from.subarray(at, at + rows * width));
		return;
	}
	for (let r = 0; r < rows; r++) {
		const source = at + r * padded;
		const target = r * width;
		for (let c = 0; c < width; c++) to[target + c] = from[source + c];
	}
}

const built = new WeakMap<Uint8Array, InkProducts>();

/** One image set's ink in a kernel instance's memory, and the products over batches of it. */
export class InkProducts {
	private readonly kernels = compile();
	private readonly starts: number;
	private readonly positions: number;
	private readonly values: number;
	private readonly scale: number;
	/** Where each call's batch and matrices go: after the ink, reused by every call. */
	private readonly scratch: number;
	private floats!: Float32Array;
	private words!: Uint32Array;

	/** The products over `images` (an MNIST image file's pixels), made once per array. */
	static for(images: Uint8Array): InkProducts {
		let products = built.get(images);
		if (!products) {
			products = new InkProducts(images);
			built.set(images, products);
		}
		return products;
	}

	private constructor(images: Uint8Array) {
		const { starts, positions, values } = inkIndex(images);
		this.scale = 0;
		this.starts = aligned(SCALED.byteLength);
		this.positions = aligned(this.starts + starts.byteLength);
		this.values = aligned(this.positions + positions.byteLength);
		this.scratch = aligned(this.values + values.byteLength);
		this.reserve(this.scratch);
		const buffer = this.kernels.memory.buffer;
		new Float32Array(buffer, this.scale, SCALED.length).set(SCALED);
		new Uint32Array(buffer, this.starts, starts.length).set(starts);
		new Uint16Array(buffer, this.positions, positions.length).set(positions);
		new Uint8Array(buffer, this.values, values.length).set(values);
	}

	/** Grows the memory to at least `bytes` (views are remade: growing detaches the old ones). */
	private reserve(bytes: number): void {
		const memory = this.kernels.memory;
		const missing = bytes - memory.buffer.byteLength;
		if (missing > 0) memory.grow(Math.ceil(missing / PAGE_BYTES));
		if (this.floats?.buffer !== memory.buffer) {
			this.floats = new Float32Array(memory.buffer);
			this.words = new Uint32Array(memory.buffer);
		}
	}

	/**
	 * Makes room for the batch's image numbers and `matrixBytes` after them, writes the numbers at
	 * the scratch area's start, and returns where the matrices go.
	 */
	private writeImages(
		order: Uint32Array,
		start: number,
		rows: number,
		matrixBytes: number
	): number {
		const matrices = aligned(this.scratch + rows * 4);
		this.reserve(matrices + matrixBytes);
		this.words.set(order.subarray(start, start + rows), this.scratch / 4);
		return matrices;
	}

	/** The kernels' first arguments for a batch of `rows` written by writeImages. */
	private inkArgs(rows: number): InkArgs {
		return [this.starts, this.positions, this.values, this.scale, this.scratch, rows];
	}

	/** Images order[start..end) as pixels whose products these kernels compute. */
	batch(order: Uint32Array, start: number, end: number): InkPixels {
		const rows = end - start;
		return {
			rows,
			times: (w, bias, relu) => this.times(order, start, rows, w, bias, relu),
			transposedTimes: (d) => this.transposedTimes(order, start, rows, d)
		};
	}

	/** x @ w + bias [rows, width], then ReLU if asked. */
	private times(
		order: Uint32Array,
		start: number,
		rows: number,
		w: tf.Tensor2D,
		bias: tf.Tensor1D,
		relu: boolean
	): tf.Tensor2D {
		const [inputs, width] = w.shape;
		if (inputs !== PIXELS) throw new Error(`the first layer takes ${PIXELS} pixels, not ${inputs}`);
		const padded = paddedWidth(width);
		const rowBytes = padded * 4;
		const wAt = this.writeImages(order, start, rows, (PIXELS + 1 + rows) * rowBytes);
		const biasAt = wAt + PIXELS * rowBytes;
		const outAt = biasAt + rowBytes;
		padRows(floatsOf(w), PIXELS, width, padded, this.floats, wAt / 4);
		padRows(floatsOf(bias), 1, width, padded, this.floats, biasAt / 4);
		this.kernels.times(...this.inkArgs(rows), wAt, biasAt, padded, relu ? 1 : 0, outAt);
		return tensorFilled(rows, width, (out) =>
			unpadRows(this.floats, outAt / 4, rows, width, padded, out)
		);
	}

	/** x^T @ d [784, width], for d [rows, width]. */
	private transposedTimes(
		order: Uint32Array,
		start: number,
		rows: number,
		d: tf.Tensor2D
	): tf.Tensor2D {
		const [dRows, width] = d.shape;
		if (dRows !== rows) throw new Error(`the batch has ${rows} digits, d ${dRows} rows`);
		const padded = paddedWidth(width);
		const rowBytes = padded * 4;
		const dAt = this.writeImages(order, start, rows, (rows + PIXELS) * rowBytes);
		const gradAt = dAt + rows * rowBytes;
		padRows(floatsOf(d), rows, width, padded, this.floats, dAt / 4);
		this.kernels.transposedTimes(...this.inkArgs(rows), dAt, padded, gradAt, PIXELS * rowBytes);
		return tensorFilled(PIXELS, width, (grad) =>
			unpadRows(this.floats, gradAt / 4, PIXELS, width, padded, grad)
		);
	}
}
