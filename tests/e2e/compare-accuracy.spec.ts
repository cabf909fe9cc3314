import { expect, test } from '@playwright/test';
import { SEED_NET, setUp, trainBoth } from './support/compare';

/**
 * The accuracy lines for the net, 20 epochs on all 60,000 digits, both at once: the
 * notebook's recipe ends in the band different seeds give (node: seeds 1/2/3 -> 0.715 / 0.708 /
 * 0.690), the usual practice above 0.95 (node: 0.956). About 2 minutes on a quiet two-core
 * machine (WASM, two workers); much longer when the machine is shared.
 */
test('the notebook’s net ends in its seed band, the shuffled lr 0.1 net above 0.95', async ({
	page
}) => {
	test.setTimeout(600_000);
	await setUp(page, `${SEED_NET}&epochs=20`);
	await trainBoth(page, 20, 540_000, { watch: false });
	const accuracyA = Number(await page.getByTestId('compare-a-accuracy').textContent());
	const accuracyB = Number(await page.getByTestId('compare-b-accuracy').textContent());
	console.log(`A (sequential, lr 0.001): ${accuracyA}; B (shuffled, lr 0.1): ${accuracyB}`);
	expect(accuracyA).toBeGreaterThanOrEqual(0.65);
	expect(accuracyA).toBeLessThanOrEqual(0.82);
	expect(accuracyB).toBeGreaterThan(0.95);
});
