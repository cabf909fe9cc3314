/**
 * Batches go up to WebGL as bytes, already in the packed layout tfjs's products read
 * (data/packedBytes.ts), into a texture of unsigned bytes: 200 kB a batch of 256 instead of tfjs's
 * 800 kB of floats, and no encoding pass (tfjs uploads floats to a plain texture, then runs a
 * shader that packs them). The sampler reads a byte b as b / 255, the notebook's scaling.
 * Measured on software WebGL (npm run bench): the upload was 3-5 ms of a 10-15 ms step.
 *
 * tfjs has no public way to wrap a packed texture, so this sets up the tensor's texture record
 * itself, as tfjs does for its own uploads: packed, [rows, 784], the texture attached. The
 * texture stays ours, one per batch size, refilled each batch; release() detaches it before the
 * tensor is disposed. Its usage is marked PIXELS: were a tensor ever disposed without release(),
 * tfjs would park the texture in its pool of byte textures, never in the float pool that
 * products write into. check() proves the whole path against a float upload on the device
 * before any training batch uses it.
 */
import * as tf from '@tensorflow/tfjs';
import { webgl_util, type MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { PACKED_WIDTH, fillPackedBytes, packedBytesLength } from '../../data/packedBytes';
import { PIXELS } from '../config';
import { largestDifference } from './agreement';

/** tfjs-backend-webgl's TextureUsage.PIXELS (not exported from its package). */
const TEXTURE_USAGE_PIXELS = 2;

interface OwnTexture {
	texture: WebGLTexture;
	/** [height, width] in texels, as tfjs records it. */
	texShape: [number, number];
}

/** Backends on which check() passed. */
const verified = new WeakSet<object>();

export class ByteUploads {
	private readonly textures = new Map<number, OwnTexture>();
	/** The tensors tensor() made, whose textures are ours. */
	private readonly ours = new WeakSet<tf.Tensor>();

	private constructor(private readonly backend: MathBackendWebGL) {}

	/** The uploader for the current backend when it is WebGL and its check passed, else null. */
	static forCurrentBackend(): ByteUploads | null {
		if (tf.getBackend() !== 'webgl') return null;
		const backend = tf.backend() as MathBackendWebGL;
		return verified.has(backend) ? new ByteUploads(backend) : null;
	}

	/**
	 * Whether a batch of `rows` digits can go up this way: tfjs lays a packed [rows, 784] tensor
	 * out as rows (rounded up to even) by 784, which our texture copies, unless that is taller
	 * than this GPU allows (it then folds the tensor differently). WebGL 2 allows at least 2048
	 * texels, so the largest batch, 4096 digits, fits everywhere; this keeps WebGL 1 safe.
	 */
	fits(rows: number): boolean {
		const [height, width] = webgl_util.getTextureShapeFromLogicalShape([rows, PIXELS], true);
		return height === rows + (rows % 2) && width === PIXELS;
	}

	/**
	 * Uploads a batch of `rows` digits given in the packed byte layout, as x [rows, 784] (0..1).
	 * Give it back with release(); the next upload of the same size reuses its texture.
	 */
	tensor(rows: number, bytes: Uint8Array): tf.Tensor2D {
		if (bytes.length !== packedBytesLength(rows)) {
			throw new RangeError(`${rows} digits need ${packedBytesLength(rows)} bytes`);
		}
		if (!this.fits(rows)) throw new RangeError(`${rows} digits do not fit one byte texture`);
		const own = this.textureFor(rows);
		const gl = this.backend.gpgpu.gl as WebGL2RenderingContext;
		const [height, width] = own.texShape;
		gl.bindTexture(gl.TEXTURE_2D, own.texture);
		gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, bytes);
		gl.bindTexture(gl.TEXTURE_2D, null);
		const info = this.backend.makeTensorInfo([rows, PIXELS], 'float32');
		const record = this.backend.texData.get(info.dataId);
		record.isPacked = true;
		// As tfjs records a packed [rows, 784] tensor: rows rounded up to even (see fits()).
		record.texShape = [rows + (rows % 2), PIXELS];
		record.usage = TEXTURE_USAGE_PIXELS;
		record.texture = own;
		const x = tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
		this.ours.add(x);
		return x;
	}

	/** Whether tensor() made `x` (give it back with release(), not dispose()). */
	made(x: tf.Tensor): boolean {
		return this.ours.has(x);
	}

	/** Disposes a tensor made by tensor(), keeping its texture for the next batch. */
	release(x: tf.Tensor): void {
		if (!this.ours.has(x)) throw new Error('release() takes only tensors made by tensor()');
		this.ours.delete(x);
		const record = this.backend.texData.get(x.dataId);
		if (record) record.texture = undefined;
		x.dispose();
	}

	dispose(): void {
		for (const { texture } of this.textures.values()) this.backend.gpgpu.gl.deleteTexture(texture);
		this.textures.clear();
	}

	private textureFor(rows: number): OwnTexture {
		const known = this.textures.get(rows);
		if (known) return known;
		const texture = this.backend.gpgpu.createUnsignedBytesMatrixTexture(
			Math.ceil(rows / 2),
			PACKED_WIDTH
		) as OwnTexture;
		this.textures.set(rows, texture);
		return texture;
	}

	/**
	 * Marks the current (WebGL) backend as able to take byte uploads if a batch uploaded this way
	 * gives, read back and through a product, what the float upload gives (within `tolerance`).
	 * Returns the largest difference found.
	 */
	static async check(tolerance: number): Promise<number> {
		const backend = tf.backend() as MathBackendWebGL;
		const rows = 5;
		const images = Uint8Array.from({ length: rows * PIXELS }, (_, i) => (i * 37) % 256);
		const order = Uint32Array.from({ length: rows }, (_, i) => (i * 3) % rows);
		const bytes = new Uint8Array(packedBytesLength(rows));
		fillPackedBytes(images, order, 0, rows, bytes);
		const expected = new Float32Array(rows * PIXELS);
		order.forEach((image, row) => {
			for (let p = 0; p < PIXELS; p++)
				expected[row * PIXELS + p] = images[image * PIXELS + p] / 255;
		});
		const uploads = new ByteUploads(backend);
		let maxError: number;
		try {
			const x = uploads.tensor(rows, bytes);
			const [read, product, referenceProduct] = await readAll(
				tf.tidy(() => {
					const w = tf.tensor2d(
						Float32Array.from({ length: PIXELS * 3 }, (_, i) => Math.sin(i)),
						[PIXELS, 3]
					);
					return [x.clone(), tf.matMul(x, w), tf.matMul(tf.tensor2d(expected, [rows, PIXELS]), w)];
				})
			);
			uploads.release(x);
			maxError = Math.max(
				largestDifference(read, expected),
				largestDifference(product, referenceProduct)
			);
		} catch {
			maxError = Infinity;
		} finally {
			uploads.dispose();
		}
		if (maxError <= tolerance) verified.add(backend);
		return maxError;
	}
}

/** Reads every tensor back and disposes them. */
async function readAll(tensors: tf.Tensor[]): Promise<Float32Array[]> {
	try {
		return (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
	} finally {
		tf.dispose(tensors);
	}
}
