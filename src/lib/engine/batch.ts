/**
 * The training loop's batches as tensors. Each batch's numbers are written into arrays kept
 * from batch to batch (one set per batch size: the full size and an epoch's short last batch),
 * then uploaded: no gather or slice on the device (on WASM, gathering 256 rows of a resident
 * [60000, 784] tensor took 5 ms a batch; filling and uploading in JS well under 1 ms).
 *
 * On WASM the batch also goes up transposed (x^T [784, B]): the weights' gradient x^T @ dlogits
 * is about 8x faster from it than with matMul's transposeA. WebGL reads a matrix either way
 * round inside its shaders, so there the second upload would only cost time.
 */
import * as tf from '@tensorflow/tfjs';
import { batchArrays, type BatchArrays, type MnistDataset } from '../data/dataset';
import { CLASSES, PIXELS } from './config';
import type { Batch } from './train';

/** Whether batches on this backend also carry x^T. */
export function wantsTransposedBatch(backend: string = tf.getBackend()): boolean {
	return backend === 'wasm';
}

export class BatchMaker {
	private readonly arrays = new Map<number, BatchArrays>();

	constructor(
		private readonly dataset: MnistDataset,
		private readonly transposed: boolean = wantsTransposedBatch()
	) {}

	/**
	 * Training digits order[start..end) as tensors the caller disposes (disposeBatch) before
	 * asking for the next batch: on the CPU backend a tensor keeps the array it was made from.
	 */
	train(order: Uint32Array, start: number, end: number): Batch {
		const rows = end - start;
		let arrays = this.arrays.get(rows);
		if (!arrays) {
			arrays = batchArrays(rows, { x: true, xT: this.transposed });
			this.arrays.set(rows, arrays);
		}
		this.dataset.fillTrainBatch(order, start, end, arrays);
		return {
			x: tf.tensor2d(arrays.x as Float32Array, [rows, PIXELS]),
			xT: arrays.xT ? tf.tensor2d(arrays.xT, [PIXELS, rows]) : null,
			oneHot: tf.tensor2d(arrays.oneHot as Float32Array, [rows, CLASSES])
		};
	}
}

export function disposeBatch(batch: Batch): void {
	tf.dispose(batch.xT ? [batch.x, batch.xT, batch.oneHot] : [batch.x, batch.oneHot]);
}
