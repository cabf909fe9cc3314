/** What the lesson's specs share: the steps in order and the run summary's readings. */
import { expect, type Page } from '@playwright/test';

export const SLUGS = [
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

/** Waits until the run exists (the Run bar names it). */
export async function waitForRun(page: Page): Promise<void> {
	await expect(page.getByTestId('run-summary')).toContainText('batches trained', {
		timeout: 60_000
	});
}

export function batchesTrained(page: Page): Promise<number> {
	return page
		.getByTestId('run-summary')
		.textContent()
		.then((text) => Number(/(\d+) batches trained/.exec(text ?? '')?.[1]));
}

/** The page's box of an element: left, right, top, bottom, in CSS pixels of the viewport. */
export function box(page: Page, selector: string) {
	return page
		.locator(selector)
		.first()
		.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
		});
}

/** How far the page scrolls sideways (0 when it fits). */
export function sidewaysOverflow(page: Page): Promise<number> {
	return page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
}
