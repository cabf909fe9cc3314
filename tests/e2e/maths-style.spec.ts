import { expect, test, type Locator } from '@playwright/test';
import { appStarted } from './helpers';

/**
 * KaTeX's stylesheet never delays a first paint: a prerendered step with maths carries its rules
 * inline (no request for the stylesheet), and a step reached by a client-side navigation links
 * it. Either way the maths is set in KaTeX's fonts' family, not in the page's text face.
 */

const STYLESHEET = /\/katex\/katex\.min\.css$/;

function fontOf(maths: Locator): Promise<string> {
	return maths.evaluate((element) => getComputedStyle(element).fontFamily);
}

test('a prerendered step carries KaTeX’s rules inline; a step reached in the browser links them', async ({
	page
}) => {
	const requested: string[] = [];
	page.on('request', (request) => {
		if (STYLESHEET.test(request.url())) requested.push(request.url());
	});

	await page.goto('/lesson/loss');
	await appStarted(page);
	const maths = page.locator('.katex').first();
	await expect(maths).toBeVisible();
	expect(await fontOf(maths)).toMatch(/^KaTeX_Main/);
	expect(await page.locator('style[data-katex-inline]').evaluate((s) => s.textContent)).toContain(
		'KaTeX_Main-Regular.woff2'
	);
	expect(requested).toEqual([]);

	// From the home page (no maths, no KaTeX) to step 1 without a page load.
	await page.goto('/');
	await appStarted(page);
	await page.locator('a[href$="lesson/data"]').first().click();
	await expect(page).toHaveURL(/\/lesson\/data$/);
	await expect(page.locator('.katex').first()).toBeVisible();
	await expect.poll(() => fontOf(page.locator('.katex').first())).toMatch(/^KaTeX_Main/);
	expect(requested).toHaveLength(1);
	await expect(page.locator('link[rel="stylesheet"][href$="katex.min.css"]')).toHaveCount(1);
});
