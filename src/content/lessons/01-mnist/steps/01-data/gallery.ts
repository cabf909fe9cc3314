/**
 * Layout and wording for the gallery of digits: arrow-key moves in its 10 x 10 grid of buttons
 * and the loading bar's words.
 */
import type { DataProgress } from '$lib/data/mnist';
import { dataWords } from '$lib/data/progressWords';

/**
 * Where an arrow key (or Home/End) moves the selection in a grid of `count` buttons, `cols` per
 * row. Stays put at the edges; null for keys the grid does not use.
 */
export function gridMove(index: number, key: string, cols = 10, count = 100): number | null {
	const row = Math.floor(index / cols);
	let next: number;
	switch (key) {
		case 'ArrowLeft':
			next = index % cols === 0 ? index : index - 1;
			break;
		case 'ArrowRight':
			next = index % cols === cols - 1 ? index : index + 1;
			break;
		case 'ArrowUp':
			next = index - cols;
			break;
		case 'ArrowDown':
			next = index + cols;
			break;
		case 'Home':
			next = row * cols;
			break;
		case 'End':
			next = row * cols + cols - 1;
			break;
		default:
			return null;
	}
	return Math.min(count - 1, Math.max(0, next < 0 || next >= count ? index : next));
}

/** Bytes as megabytes with one decimal: 11_594_722 -> "11.6". */
export function megabytes(bytes: number): string {
	return (bytes / 1e6).toFixed(1);
}

/** What the loading bar says at each stage of fetching the four MNIST files. */
export function progressLabel(progress: DataProgress | null, ready: boolean): string {
	if (ready) return 'MNIST loaded';
	if (!progress) return 'Starting the worker…';
	if (progress.stage === 'checking') return 'Checking the four MNIST files…';
	if (progress.stage === 'stopped') return dataWords(progress);
	return `Downloading MNIST: ${megabytes(progress.loadedBytes)} of ${megabytes(progress.totalBytes)} MB`;
}

/** 1 -> "1st", 12 -> "12th", 23 -> "23rd". */
export function ordinal(n: number): string {
	const tens = n % 100;
	const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
	return `${n}${suffix}`;
}

/** "the 11th to 20th": which of each class a gallery starting at `from` (0-based) shows. */
export function galleryRange(from: number, perClass = 10): string {
	return `the ${ordinal(from + 1)} to ${ordinal(from + perClass)}`;
}

/** How many of a digit's pixels are exactly 0: blank background. */
export function blankPixels(bytes: ArrayLike<number>): number {
	let blank = 0;
	for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) blank++;
	return blank;
}

/** Step 1's question's bands for the blank pixels of one digit. */
export const BLANK_BANDS = [
	{ value: 'few', label: 'fewer than 400', below: 400 },
	{ value: 'half', label: '400 to 600', below: 601 },
	{ value: 'most', label: 'more than 600', below: Infinity }
] as const;

export function blankBand(blank: number): (typeof BLANK_BANDS)[number]['value'] {
	return BLANK_BANDS.find((band) => blank < band.below)!.value;
}
