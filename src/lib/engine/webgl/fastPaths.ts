/**
 * WebGL's fast paths for training, each checked on this device against tfjs's own way before it
 * is used: the step's one-pass programs (stepPrograms.ts) and batches uploaded as packed bytes
 * (byteUploads.ts). A driver that gets one wrong costs speed, never correctness.
 */
import type { WebglFastPaths } from '../protocol';
import { ByteUploads } from './byteUploads';
import { enableStepPrograms } from './stepPrograms';

/** How closely a fast path must agree with tfjs (relative above 1: see agreement.ts). */
export const FAST_PATH_TOLERANCE = 1e-5;

/** Checks and switches on every fast path the current WebGL backend computes right. */
export async function enableWebglFastPaths(): Promise<WebglFastPaths> {
	const stepPrograms = await enableStepPrograms(FAST_PATH_TOLERANCE);
	const uploadError = await ByteUploads.check(FAST_PATH_TOLERANCE);
	return {
		stepPrograms,
		byteUploads: { used: uploadError <= FAST_PATH_TOLERANCE, maxError: uploadError }
	};
}
