/**
 * The training loop's batches as tensors. Each batch's numbers are written into arrays kept
 * from batch to batch (one set per batch size: the full size and an epoch's short last batch),
 * then uploaded: no gather or slice on the device (on WASM, gathering 256 rows of a resident
 * [60000, 784] tensor took 5 ms a batch; filling and uploading in JS well under 1 ms). Writing
 * straight into a WASM tensor's own memory instead (typedArrayFromHeap) measured slower: the
 * zero tensor it needs costs more than the copy it saves.
 *
 * On WASM the batch also goes up transposed (x^T [784, B]): the weights' gradient x^T @ dlogits
 * is about 8x faster from it than with matMul's transposeA. WebGL reads a matrix either way
 * round inside its shaders, so there the second upload would only cost time.
 */
import * as tf from '@tensorflow/tfjs';
import {
	batchArrays,
	type BatchArrays,
	type MnistDataset,
	type PixelLayouts
} from '../data/dataset';
import type { PixelArrays } from '../data/inkIndex';
import { CLASSES, PIXELS } from './config';
import type { Batch } from './train';

/**
 * Whether matMul's transpose flags cost nothing on this backend (see BackwardPass). Where they
 * do not (WASM), batches also carry x^T and small matrices are transposed before a product.
 */
export function transposeFlagsFast(backend: string = tf.getBackend()): boolean {
	return backend !== 'wasm';
}

/** Whether batches on this backend also carry x^T. */
export function wantsTransposedBatch(backend: string = tf.getBackend()): boolean {
	return !transposeFlagsFast(backend);
}

/**
 * Pixel tensors of `rows` digits in the layouts asked for: `fill` writes `arrays`, which are
 * then uploaded. The caller owns the tensors; on the CPU backend they keep `arrays`, so the
 * caller disposes them before filling the arrays again.
 */
export function pixelTensors(
	rows: number,
	arrays: PixelArrays,
	fill: (out: PixelArrays) => void
): { x: tf.Tensor2D | null; xT: tf.Tensor2D | null } {
	fill(arrays);
	return {
		x: arrays.x ? tf.tensor2d(arrays.x, [rows, PIXELS]) : null,
		xT: arrays.xT ? tf.tensor2d(arrays.xT, [PIXELS, rows]) : null
	};
}

interface HeapBackend {
	typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** The WASM backend, which lends out a tensor's own memory; null on any other backend. */
function heapBackend(): HeapBackend | null {
	const backend = tf.backend() as Partial<HeapBackend>;
	return tf.getBackend() === 'wasm' && typeof backend.typedArrayFromHeap === 'function'
		? (backend as HeapBackend)
		: null;
}

/** One batch size's memory: reused JS arrays, and on WASM the batch's own lasting tensors. */
interface Slot {
	arrays: BatchArrays;
	tensors: Batch | null;
}

/**
 * Makes the training batches (and the validation's chunks of test digits). On WASM each set
 * and batch size has lasting tensors that every batch of that size is written into, in place,
 * in the WASM heap (typedArrayFromHeap, as the backend's own kernels write their outputs): no
 * allocation, no zero tensor, no copy. That saves about 0.2 ms a batch, a fifth of a linear
 * step. It is safe because nothing keeps anything derived from a batch tensor's id between
 * steps: WASM caches a product's prepared right operand by id (the weights), and a batch is
 * only ever a product's left operand, which is never cached.
 * A model's forward and backward pass must keep it that way (see ModelSpec.forward).
 * Elsewhere the arrays are filled and uploaded as fresh tensors.
 */
export class BatchMaker {
	private readonly slots = new Map<string, Slot>();
	private readonly layouts: PixelLayouts;
	private readonly heap = heapBackend();

	constructor(
		private readonly dataset: MnistDataset,
		transposed: boolean = wantsTransposedBatch()
	) {
		this.layouts = { x: true, xT: transposed };
	}

	/**
	 * Training digits order[start..end) as tensors, and their labels, until the next batch:
	 * give them back with release() before asking for another.
	 */
	train(order: Uint32Array, start: number, end: number): Batch & { labels: Int32Array } {
		return this.make('train', end - start, this.layouts, (out) =>
			this.dataset.fillTrainBatch(order, start, end, out)
		);
	}

	/** Test digits start..end of the class order, like train() (x only, no x^T). */
	test(start: number, end: number): Batch & { labels: Int32Array } {
		return this.make('test', end - start, { x: true, xT: false }, (out) =>
			this.dataset.fillTestBatch(start, end, out)
		);
	}

	/** Done with a batch: its tensors are disposed, unless they are lasting ones. */
	release(batch: Batch): void {
		if (this.heap) return;
		tf.dispose(batch.xT ? [batch.x, batch.xT, batch.oneHot] : [batch.x, batch.oneHot]);
	}

	dispose(): void {
		for (const { tensors } of this.slots.values()) {
			if (tensors) tf.dispose([tensors.x, tensors.oneHot, ...(tensors.xT ? [tensors.xT] : [])]);
		}
		this.slots.clear();
	}

	private make(
		set: 'train' | 'test',
		rows: number,
		layouts: PixelLayouts,
		fill: (out: BatchArrays) => void
	): Batch & { labels: Int32Array } {
		const { arrays, tensors } = this.slotFor(set, rows, layouts);
		if (this.heap && tensors) {
			const heap = this.heap;
			fill({
				x: heap.typedArrayFromHeap(tensors.x),
				...(tensors.xT && { xT: heap.typedArrayFromHeap(tensors.xT) }),
				labels: arrays.labels,
				oneHot: heap.typedArrayFromHeap(tensors.oneHot)
			});
			return { ...tensors, labels: arrays.labels };
		}
		const { x, xT } = pixelTensors(rows, arrays, (out) => fill(out as BatchArrays));
		return {
			x: x as tf.Tensor2D,
			xT,
			oneHot: tf.tensor2d(arrays.oneHot as Float32Array, [rows, CLASSES]),
			labels: arrays.labels
		};
	}

	private slotFor(set: 'train' | 'test', rows: number, layouts: PixelLayouts): Slot {
		const key = `${set} ${rows}`;
		const known = this.slots.get(key);
		if (known) return known;
		const lasting = this.heap !== null;
		// Kept: a batch may be asked for inside some tf.tidy, which must not dispose them.
		const zeros = (shape: [number, number]) => tf.keep(tf.zeros<tf.Rank.R2>(shape));
		const slot: Slot = {
			arrays: batchArrays(rows, lasting ? { x: false, xT: false } : layouts),
			tensors: lasting
				? {
						x: zeros([rows, PIXELS]),
						xT: layouts.xT ? zeros([PIXELS, rows]) : null,
						oneHot: zeros([rows, CLASSES])
					}
				: null
		};
		this.slots.set(key, slot);
		return slot;
	}
}
