import { expect, test, type Page } from '@playwright/test';
import { collectErrors, SCREENSHOT_DIR } from './helpers';

const SLUGS = [
	'data',
	'flatten',
	'init',
	'predict',
	'loss',
	'gradient',
	'step',
	'train',
	'accuracy',
	'net',
	'train-net',
	'overfitting',
	'conclusion'
];

async function waitForRun(page: Page): Promise<void> {
	await expect(page.getByTestId('run-summary')).toContainText('batches trained', {
		timeout: 60_000
	});
}

function batchesTrained(page: Page): Promise<number> {
	return page
		.getByTestId('run-summary')
		.textContent()
		.then((text) => Number(/(\d+) batches trained/.exec(text ?? '')?.[1]));
}

test('the arrow keys walk through every step, each with its panels, prose and code', async ({
	page
}) => {
	const errors = collectErrors(page);
	await page.goto('/lesson/data');
	await waitForRun(page);
	for (const [i, slug] of SLUGS.entries()) {
		await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
		await expect(page.getByText(`Step ${i + 1} of`)).toBeVisible();
		await expect(page.locator('.prose p').first()).toBeVisible();
		await expect(page.locator('details.notebook code')).toContainText(/\w+/);
		await expect(page.locator('[data-testid^="panel-"]').first()).toBeVisible();
		await expect(page.getByTestId(`rail-${slug}`)).toHaveAttribute('aria-current', 'step');
		await page.locator('h1').click(); // focus on the page, not a control
		if (i < SLUGS.length - 1) await page.keyboard.press('ArrowRight');
	}
	await page.keyboard.press('ArrowLeft');
	await expect(page).toHaveURL(/\/lesson\/overfitting$/);
	expect(errors).toEqual([]);
});

test('Space runs the step, and the run is shared across steps', async ({ page }) => {
	await page.goto('/lesson/step');
	await waitForRun(page);
	const before = await batchesTrained(page);
	await page.locator('h1').click();
	await page.keyboard.press(' ');
	await expect.poll(() => batchesTrained(page)).toBe(before + 1);
	await page.getByTestId('rail-predict').click();
	await expect(page).toHaveURL(/\/lesson\/predict$/);
	expect(await batchesTrained(page)).toBe(before + 1);
	await page.getByRole('button', { name: 'Reset run' }).click();
	await expect.poll(() => batchesTrained(page)).toBe(0);
});

test('a step opened directly by its URL prepares the run and says so', async ({ page }) => {
	await page.goto('/lesson/gradient');
	await expect(page.getByTestId('step-notice')).toContainText('computed a gradient', {
		timeout: 60_000
	});
	await expect(page.getByTestId('step-notice')).toContainText('seed 1');
});

test('screenshots of every step at desktop and phone width', async ({ page }) => {
	test.setTimeout(240_000);
	for (const [width, height, name] of [
		[1280, 900, 'desktop'],
		[390, 844, 'phone']
	] as const) {
		await page.setViewportSize({ width, height });
		await page.goto('/lesson/data');
		await waitForRun(page);
		for (const slug of SLUGS) {
			await page.getByTestId(`rail-${slug}`).click();
			await expect(page).toHaveURL(new RegExp(`/lesson/${slug}$`));
			await expect(page.getByTestId('run-action')).toBeEnabled({ timeout: 60_000 });
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
			expect(overflow, `horizontal overflow on ${slug} at ${name} width`).toBeLessThanOrEqual(1);
			await page.screenshot({ path: `${SCREENSHOT_DIR}/walk-${slug}-${name}.png`, fullPage: true });
		}
	}
});
