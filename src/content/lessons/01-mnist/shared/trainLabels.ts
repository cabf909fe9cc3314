/**
 * The 60,000 training labels on the page (one 28 KB file, the one the worker also reads, checked
 * the same way): enough to know which digits any batch holds and where the next ten of each class
 * are, without asking the worker for 47 MB of pixels.
 */
import { asset } from '$app/paths';
import { decodeMnistFile, httpSource } from '$lib/data/mnist';
import { MNIST_FILES, MNIST_SERVED_DIR } from '$lib/data/mnistFiles';

export async function fetchTrainLabels(): Promise<Uint8Array> {
	const spec = MNIST_FILES.find((s) => s.key === 'trainLabels')!;
	const base = new URL(asset(`/${MNIST_SERVED_DIR}`), location.href).href;
	return decodeMnistFile(await httpSource(base)(spec, () => {}), spec);
}
