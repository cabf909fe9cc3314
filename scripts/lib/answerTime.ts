/**
 * How long a page takes to answer a click, measured inside the page: from the click's input
 * timestamp (when the browser received it, so a busy main thread's queue counts) to the first
 * frame after the answer shows in the DOM. Used by the long-run spec and `npm run bench:calm`,
 * so the figures in a report and the test's limit are the same measurement.
 */
import type { Page } from '@playwright/test';

/** What shows that the page answered: an element present (or gone), or holding this text. */
export interface Answer {
	selector: string;
	text?: string;
	present?: boolean;
}

declare global {
	interface Window {
		__answerMs?: Promise<number>;
	}
}

/** Clicks `target` (a CSS selector) and resolves to the milliseconds until `answer` was painted. */
export async function clickAnswerMs(page: Page, target: string, answer: Answer): Promise<number> {
	await page.evaluate(
		({ target, answer }) => {
			window.__answerMs = new Promise<number>((resolve, reject) => {
				const element = document.querySelector(target);
				if (!element) return reject(new Error(`nothing matches ${target}`));
				let clickedAt = NaN;
				const answered = () => {
					const node = document.querySelector(answer.selector);
					if (answer.text !== undefined) return node?.textContent?.trim() === answer.text;
					return (node !== null) === (answer.present ?? true);
				};
				const observer = new MutationObserver(() => settle());
				const settle = () => {
					if (Number.isNaN(clickedAt) || !answered()) return;
					observer.disconnect();
					clearTimeout(limit);
					requestAnimationFrame(() => resolve(performance.now() - clickedAt));
				};
				const limit = setTimeout(() => {
					observer.disconnect();
					reject(new Error(`the page did not answer a click on ${target} in 60 s`));
				}, 60_000);
				element.addEventListener(
					'click',
					(event) => {
						clickedAt = event.timeStamp;
						queueMicrotask(settle);
					},
					{ capture: true, once: true }
				);
				observer.observe(document.body, {
					subtree: true,
					childList: true,
					characterData: true,
					attributes: true
				});
			});
		},
		{ target, answer }
	);
	await page.locator(target).click();
	return page.evaluate(() => window.__answerMs!);
}

/** The page's main-thread JavaScript heap in use, in bytes (Chromium's DevTools protocol). */
export async function jsHeapBytes(page: Page): Promise<number> {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('HeapProfiler.collectGarbage');
		return (await cdp.send('Runtime.getHeapUsage')).usedSize;
	} finally {
		await cdp.detach();
	}
}

/** Selectors of the playground's controls the measurements click. */
export const PLAYGROUND = {
	share: '[data-testid="share-button"]',
	sharePanel: '[data-testid="share-panel"]',
	pause: '[aria-label="Training controls"] button:nth-child(2)',
	status: '[data-testid="run-status"]',
	steps: '[data-testid="step"]'
} as const;
