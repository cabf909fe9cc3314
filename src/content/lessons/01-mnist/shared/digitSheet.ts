/**
 * The lesson's digit galleries (step 1's hundred, the twenty test digits) as one sprite sheet
 * each: ten digits to a row, in MNIST's greys, bytes 0 (paper) to 255 (ink). Call during a
 * component's set-up, like SheetImage.
 */
import { SheetImage } from '$lib/viz/sheetImage.svelte';

export function digitSheet(digits: () => readonly ArrayLike<number>[]): SheetImage {
	return new SheetImage(digits, 10, 'greys', [0, 255]);
}
