/**
 * The WASM backend's own memory, as its kernels use it: a tensor's floats are a range of tfjs's
 * heap, which a Float32Array can view, and an output can be allocated there and written in
 * place. The batch maker (batch.ts) and the ink products (ink/tensorFloats.ts) use it to skip
 * the copies dataSync and tf.tensor make.
 */
import * as tf from '@tensorflow/tfjs';

/** What tfjs-backend-wasm's BackendWasm offers for this. */
export interface HeapBackend {
	/** The tensor's floats as a view of the heap: read or write at once (the heap may move). */
	typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
	makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** The WASM backend, which lends out a tensor's own memory; null on any other backend. */
export function heapBackend(): HeapBackend | null {
	const backend = tf.backend() as Partial<HeapBackend>;
	return tf.getBackend() === 'wasm' &&
		typeof backend.typedArrayFromHeap === 'function' &&
		typeof backend.makeOutput === 'function'
		? (backend as HeapBackend)
		: null;
}
