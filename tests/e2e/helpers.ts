import { expect, type Page } from '@playwright/test';

export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Opens the playground with a query and waits until the data is loaded and checked. */
export async function openPlayground(page: Page, query = ''): Promise<void> {
	await page.goto(`/playground${query ? `?${query}` : ''}`);
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
}

/** The pixels of a canvas, as a data URL, to compare two moments of a heatmap. */
export function canvasPixels(page: Page, testid: string): Promise<string> {
	return page
		.getByTestId(testid)
		.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL('image/png'));
}

/** Collects console errors and page errors, so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

export async function trainedAccuracy(page: Page, epochs: number): Promise<number> {
	await page.getByRole('button', { name: 'Train' }).click();
	await expect(page.getByTestId('epoch')).toHaveText(String(epochs), { timeout: 90_000 });
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	return Number(await page.getByTestId('valid-accuracy').textContent());
}
