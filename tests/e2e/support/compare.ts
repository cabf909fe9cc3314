/** Setting up the playground's two side-by-side runs (compare.spec, compare-accuracy.spec). */
import { expect, type Page } from '@playwright/test';

/** Run A: the notebook's net (fastai's SGD default lr 1e-3, batches in class order). */
export const SEED_NET = 'model=mlp&lr=0.001&order=sequential&batch=256&accuracy=exact&seed=1';

/** Opens the playground and waits for run A's data (exact names: other panels train too). */
async function open(page: Page, query: string): Promise<void> {
	// A dev server's HMR socket is answered by a silent stand-in, so that an edit elsewhere cannot
	// reload the page in the middle of the long run (a built site has no such socket).
	await page.routeWebSocket(/\/\?token=/, () => {});
	await page.goto(`/playground?${query}`);
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
}

/**
 * Opens the playground with run A's recipe and adds run B: the quick choice flips the batch
 * order, then B's own form raises its learning rate (the usual practice: shuffled, lr 0.1).
 */
export async function setUp(page: Page, query: string): Promise<void> {
	await open(page, query);
	await page.getByRole('button', { name: 'Sequential vs shuffled' }).click();
	const formB = page.getByRole('group', { name: 'Run B’s recipe' });
	await expect(formB).toBeVisible();
	await formB.getByLabel('learning rate').fill('0.1');
	await formB.getByLabel('learning rate').blur();
	await expect(page.getByTestId('compare-a').getByRole('heading')).toHaveText(
		'A: sequential, lr 0.001'
	);
	await expect(page.getByTestId('compare-b').getByRole('heading')).toHaveText(
		'B: shuffled, lr 0.1'
	);
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({
		timeout: 60_000
	});
	await expect(page.getByTestId('compare-b').getByTestId('weight-heatmap-29')).toBeVisible();
}

export async function trainBoth(
	page: Page,
	epochs: number,
	timeout: number,
	{ watch = true } = {}
): Promise<void> {
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('compare-a-status')).toHaveText('training');
	// With the animated panels scrolled out of view the browser skips painting them, leaving
	// the two cores to the two runs (for tests that only read the final numbers).
	if (!watch) await page.getByRole('heading', { name: 'Draw a digit' }).scrollIntoViewIfNeeded();
	for (const id of ['compare-a', 'compare-b']) {
		await expect(page.getByTestId(`${id}-epoch`)).toHaveText(String(epochs), { timeout });
		await expect(page.getByTestId(`${id}-status`)).toHaveText('idle');
	}
}
