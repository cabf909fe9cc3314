/** Facts about the data set for the lesson's first steps: class counts, example digits. */
import { CLASSES, PIXELS } from './mnistFiles';
import type { MnistData } from './mnist';

export function classCounts(labels: Uint8Array): number[] {
	const counts = new Array<number>(CLASSES).fill(0);
	for (const label of labels) counts[label]++;
	return counts;
}

/** The first `perClass` indices of each digit, in file order. */
export function examplesPerClass(labels: Uint8Array, perClass = 10): number[][] {
	const examples: number[][] = Array.from({ length: CLASSES }, () => []);
	for (let i = 0; i < labels.length; i++) {
		const bucket = examples[labels[i]];
		if (bucket.length < perClass) bucket.push(i);
	}
	return examples;
}

/** Copies of the chosen digits' raw bytes, n x 784, plus their labels. */
export function pickDigits(
	images: Uint8Array,
	labels: Uint8Array,
	indices: number[]
): { pixels: Uint8Array; labels: Uint8Array } {
	const pixels = new Uint8Array(indices.length * PIXELS);
	const picked = new Uint8Array(indices.length);
	indices.forEach((index, row) => {
		if (!Number.isInteger(index) || index < 0 || index >= labels.length) {
			throw new Error(`digit ${index} does not exist (0-${labels.length - 1})`);
		}
		pixels.set(images.subarray(index * PIXELS, (index + 1) * PIXELS), row * PIXELS);
		picked[row] = labels[index];
	});
	return { pixels, labels: picked };
}

export function summarise(data: MnistData) {
	return {
		trainCounts: classCounts(data.trainLabels),
		testCounts: classCounts(data.testLabels),
		trainExamples: examplesPerClass(data.trainLabels),
		testExamples: examplesPerClass(data.testLabels)
	};
}
