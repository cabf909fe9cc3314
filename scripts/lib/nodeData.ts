/** Reads the prepared MNIST files from static/data/mnist for node (trainer, benchmark, tests). */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadMnist, type ByteSource, type MnistData } from '../../src/lib/data/mnist';
import { MNIST_SERVED_DIR, servedName } from '../../src/lib/data/mnistFiles';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVED_DATA_DIR = path.join(ROOT, 'static', MNIST_SERVED_DIR);

export const fileSource: ByteSource = async (spec, onBytes) => {
	const bytes = new Uint8Array(await readFile(path.join(SERVED_DATA_DIR, servedName(spec))));
	onBytes(bytes.length, bytes.length);
	return bytes;
};

export function loadMnistFromDisk(): Promise<MnistData> {
	return loadMnist(fileSource);
}
