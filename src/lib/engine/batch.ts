/**
 * The training loop's batches. On the WASM and CPU backends a training batch is its ink: the
 * digits' numbers, whose inked pixels the first layer's products read directly (engine/ink), so
 * no 784 floats a digit are written at all. That halved a linear epoch on WASM.
 *
 * Elsewhere (WebGL; a kind differentiated by autodiff; the validation's test digits) a batch is
 * tensors. Each batch's numbers are written into arrays kept from batch to batch (one set per
 * batch size: the full size and an epoch's short last batch), then uploaded: no gather or slice
 * on the device (on WASM, gathering 256 rows of a resident [60000, 784] tensor took 5 ms a
 * batch; filling and uploading in JS well under 1 ms). A tensor batch on WASM also goes up
 * transposed (x^T [784, B]): the weights' gradient x^T @ dlogits is about 8x faster from it than
 * with matMul's transposeA. WebGL reads a matrix either way round inside its shaders, so there
 * the second upload would only cost time; there x goes up as bytes in the packed texture layout
 * (webgl/byteUploads.ts), a quarter of the floats' size and no packing pass.
 */
import * as tf from '@tensorflow/tfjs';
import {
	batchArrays,
	type BatchArrays,
	type MnistDataset,
	type PixelLayouts
} from '../data/dataset';
import { CLASSES, PIXELS } from './config';
import { InkProducts } from './ink/inkProducts';
import { ByteUploads } from './webgl/byteUploads';
import type { Model } from './models/build';
import type { Batch } from './train';
import { heapBackend } from './wasmHeap';

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
 * Whether training batches go to this model as their ink (engine/ink): where the backend keeps
 * tensors in CPU memory (WASM, CPU), for a kind whose backward pass is written out (autodiff
 * cannot see through the ink kernels). The validation's test digits stay tensors.
 */
export function wantsInkBatches(model: Model, backend: string = tf.getBackend()): boolean {
	return model.backward !== undefined && (backend === 'wasm' || backend === 'cpu');
}

/** One batch size's memory: reused JS arrays, and on WASM the batch's own lasting tensors. */
interface Slot {
	arrays: BatchArrays;
	tensors: Omit<Batch, 'ink'> | null;
}

export interface BatchOptions {
	/** Training batches as their ink (see wantsInkBatches), not as pixel tensors. */
	ink?: boolean;
	/** Pixel tensor batches also carry x^T (see wantsTransposedBatch). */
	transposed?: boolean;
}

function tensorsOf(batch: Omit<Batch, 'ink'>): tf.Tensor2D[] {
	return [batch.x, batch.xT, batch.oneHot].filter((t): t is tf.Tensor2D => t !== null);
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
	/** On WebGL, when its check passed: x goes up as packed bytes (webgl/byteUploads.ts). */
	private readonly byteUploads = ByteUploads.forCurrentBackend();
	private readonly wantsInk: boolean;
	private inkProducts: InkProducts | null = null;

	constructor(
		private readonly dataset: MnistDataset,
		{ ink = false, transposed = wantsTransposedBatch() }: BatchOptions = {}
	) {
		this.wantsInk = ink;
		this.layouts = ink ? { x: false, xT: false } : { x: true, xT: transposed };
	}

	/** The layouts a tensor batch of `rows` digits is made in: packed bytes where they fit. */
	private tensorLayouts(rows: number, dense: PixelLayouts): PixelLayouts {
		return this.byteUploads?.fits(rows) ? { x: false, xT: false, packed: true } : dense;
	}

	/**
	 * The training images' ink, built on first use: about 0.4 s for the 60,000 digits on a slow
	 * machine, once per worker (InkProducts.for keeps it). Not in the constructor, so a new run is
	 * ready without it; warm() builds it right after (Session.ready), before a learner presses Train.
	 */
	private get ink(): InkProducts | null {
		if (!this.wantsInk) return null;
		return (this.inkProducts ??= InkProducts.for(this.dataset.data.trainImages));
	}

	/** Builds what the first training batch needs now, so that batch does not wait for it. */
	warm(): void {
		void this.ink;
	}

	/**
	 * Training digits order[start..end) (as tensors or as their ink), and their labels, until the
	 * next batch: give them back with release() before asking for another.
	 */
	train(order: Uint32Array, start: number, end: number): Batch & { labels: Int32Array } {
		const layouts = this.wantsInk ? this.layouts : this.tensorLayouts(end - start, this.layouts);
		const batch = this.make('train', end - start, layouts, (out) =>
			this.dataset.fillTrainBatch(order, start, end, out)
		);
		return { ...batch, ink: this.ink?.batch(order, start, end) ?? null };
	}

	/** Test digits start..end of the class order, like train(), always as x (no x^T, no ink). */
	test(start: number, end: number): Batch & { labels: Int32Array; x: tf.Tensor2D } {
		const layouts = this.tensorLayouts(end - start, { x: true, xT: false });
		const batch = this.make('test', end - start, layouts, (out) =>
			this.dataset.fillTestBatch(start, end, out)
		);
		return { ...batch, x: batch.x as tf.Tensor2D };
	}

	/** Done with a batch: its tensors are disposed, unless they are lasting ones. */
	release(batch: Batch): void {
		if (this.heap) return;
		if (this.byteUploads && batch.x && this.byteUploads.made(batch.x)) {
			this.byteUploads.release(batch.x);
			batch = { ...batch, x: null };
		}
		tf.dispose(tensorsOf(batch));
	}

	dispose(): void {
		for (const { tensors } of this.slots.values()) if (tensors) tf.dispose(tensorsOf(tensors));
		this.slots.clear();
		this.byteUploads?.dispose();
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
				...(tensors.x && { x: heap.typedArrayFromHeap(tensors.x) }),
				...(tensors.xT && { xT: heap.typedArrayFromHeap(tensors.xT) }),
				labels: arrays.labels,
				oneHot: heap.typedArrayFromHeap(tensors.oneHot)
			});
			return { ...tensors, ink: null, labels: arrays.labels };
		}
		// The tensors keep `arrays` on the CPU backend: release() disposes them before a refill.
		fill(arrays);
		return {
			x: this.uploadedX(rows, arrays),
			xT: arrays.xT ? tf.tensor2d(arrays.xT, [PIXELS, rows]) : null,
			ink: null,
			oneHot: tf.tensor2d(arrays.oneHot as Float32Array, [rows, CLASSES]),
			labels: arrays.labels
		};
	}

	/** The batch's x as a tensor: from its packed bytes on WebGL (byteUploads.ts), else its floats. */
	private uploadedX(rows: number, arrays: BatchArrays): tf.Tensor2D | null {
		if (arrays.packed && this.byteUploads) return this.byteUploads.tensor(rows, arrays.packed);
		return arrays.x ? tf.tensor2d(arrays.x, [rows, PIXELS]) : null;
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
						x: layouts.x ? zeros([rows, PIXELS]) : null,
						xT: layouts.xT ? zeros([PIXELS, rows]) : null,
						oneHot: zeros([rows, CLASSES])
					}
				: null
		};
		this.slots.set(key, slot);
		return slot;
	}
}
