import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { appStarted, DESKTOP, PHONE, SCREENSHOT_DIR, shoot } from './helpers';

/**
 * What a search engine or a chat app sees of each page: the prerendered HTML, read with
 * JavaScript off (crawlers do not run it), and the link-preview pictures it points at.
 */

const FIXED_PAGES = ['/', '/lesson', '/playground', '/draw'];

interface HeadMeta {
	titles: string[];
	descriptions: string[];
	tags: Record<string, string>;
	h1: string;
}

/** Reads the <head> of the page as served, without running its scripts. */
async function headOf(browser: Browser, path: string): Promise<HeadMeta> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		return await page.evaluate(() => ({
			titles: [...document.querySelectorAll('head title')].map((t) => t.textContent ?? ''),
			descriptions: [...document.querySelectorAll('meta[name="description"]')].map(
				(m) => m.getAttribute('content') ?? ''
			),
			tags: Object.fromEntries(
				[...document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')].map((m) => [
					m.getAttribute('property') ?? m.getAttribute('name'),
					m.getAttribute('content')
				])
			),
			h1: document.querySelector('h1')?.textContent?.trim() ?? ''
		}));
	} finally {
		await context.close();
	}
}

/** The lesson's steps, as the home page lists them. */
async function stepPaths(page: Page): Promise<string[]> {
	await page.goto('/');
	const hrefs = await page
		.locator('ol.steps a')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	expect(hrefs.length).toBeGreaterThanOrEqual(13);
	return hrefs;
}

/** Fetches a preview image from the server under test and checks it is a 1200 x 630 PNG. */
async function checkPng(request: APIRequestContext, path: string): Promise<void> {
	const response = await request.get(path);
	expect(response.status(), path).toBe(200);
	expect(response.headers()['content-type'], path).toBe('image/png');
	const body = await response.body();
	expect(body.length, `${path} size`).toBeGreaterThan(10_000);
	expect(body.length, `${path} size`).toBeLessThan(1_000_000);
	expect(body.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect([body.readUInt32BE(16), body.readUInt32BE(20)], `${path} size in pixels`).toEqual([
		1200, 630
	]);
}

/** Decodes the picture in the browser and measures it: how many colours, how much is not white. */
async function pictureStats(page: Page, path: string) {
	return page.evaluate(async (src) => {
		const image = new Image();
		image.src = src;
		await image.decode();
		const canvas = document.createElement('canvas');
		[canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
		const context = canvas.getContext('2d')!;
		context.drawImage(image, 0, 0);
		const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
		const colours = new Set<number>();
		let inked = 0;
		for (let i = 0; i < data.length; i += 4) {
			colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
			if (data[i] + data[i + 1] + data[i + 2] < 600) inked++;
		}
		return { colours: colours.size, inkedShare: inked / (data.length / 4) };
	}, path);
}

function checkPageMeta(path: string, head: HeadMeta): void {
	expect(head.titles, `${path}: one <title>`).toHaveLength(1);
	expect(head.titles[0]).toMatch(/Digit Lab/);
	expect(head.descriptions, `${path}: one description`).toHaveLength(1);
	expect(head.descriptions[0].length).toBeGreaterThan(50);
	expect(head.descriptions[0].length).toBeLessThanOrEqual(160);
	const og = head.tags;
	expect(og['og:title'], `${path} og:title`).toBeTruthy();
	expect(og['og:description']).toBe(head.descriptions[0]);
	expect(og['og:type']).toMatch(/^(website|article)$/);
	expect(og['og:site_name']).toBe('Digit Lab');
	expect(new URL(og['og:url']).pathname, `${path} og:url`).toBe(path);
	expect(og['og:image']).toMatch(/^https?:\/\/[^/]+\/.*\.png$/);
	expect([og['og:image:width'], og['og:image:height']]).toEqual(['1200', '630']);
	expect(og['og:image:alt']).toBeTruthy();
	expect(og['twitter:card']).toBe('summary_large_image');
	expect(og['twitter:image']).toBe(og['og:image']);
	expect(og['twitter:title']).toBe(og['og:title']);
}

for (const path of FIXED_PAGES) {
	test(`${path} has its own title, description and link-preview tags`, async ({
		browser,
		page,
		request
	}) => {
		const head = await headOf(browser, path);
		checkPageMeta(path, head);
		// The picture the card names is in the build and is a real picture.
		const image = new URL(head.tags['og:image']).pathname;
		await checkPng(request, image);
		await page.goto('/');
		const stats = await pictureStats(page, image);
		expect(stats.colours).toBeGreaterThan(50);
		expect(stats.inkedShare).toBeGreaterThan(0.02);
		expect(stats.inkedShare).toBeLessThan(0.95);
	});
}

test('every lesson step has a card with its own title', async ({ browser, page, request }) => {
	const seen = new Set<string>();
	for (const path of await stepPaths(page)) {
		const head = await headOf(browser, path);
		checkPageMeta(path, head);
		expect(head.tags['og:type']).toBe('article');
		expect(head.tags['og:title'], path).toContain(head.h1);
		expect(head.titles[0], path).toContain(head.h1);
		for (const key of [head.titles[0], head.descriptions[0], head.tags['og:image']]) {
			expect(seen.has(key), `${path} repeats ${key}`).toBe(false);
			seen.add(key);
		}
		await checkPng(request, new URL(head.tags['og:image']).pathname);
	}
});

test('the build holds a preview card for every page and every lesson step', async ({
	page,
	request
}) => {
	const steps = await stepPaths(page);
	const cards = [
		'/og/digit-lab.png',
		'/og/lesson.png',
		'/og/playground.png',
		'/og/draw.png',
		...steps.map((p) => `/og/lesson-${p.split('/').pop()}.png`)
	];
	for (const card of cards) await checkPng(request, card);
	// A step's card shows its own title, so no two cards are the same file.
	const bodies = await Promise.all(cards.map(async (c) => (await request.get(c)).body()));
	expect(new Set(bodies.map((b) => b.toString('base64'))).size).toBe(cards.length);
	for (const card of ['/og/digit-lab.png', '/og/lesson-data.png', '/og/lesson-init.png']) {
		const stats = await pictureStats(page, card);
		expect(stats.colours, card).toBeGreaterThan(50);
		expect(stats.inkedShare, card).toBeGreaterThan(0.02);
	}
});

test('the tags follow a client-side move to another page, once each', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveTitle(/Digit Lab/);
	await appStarted(page);
	await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Draw' }).click();
	await expect(page).toHaveURL(/\/draw$/);
	await expect(page).toHaveTitle('Draw a digit · Digit Lab');
	await expect(page.locator('meta[property="og:url"]')).toHaveCount(1);
	await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', /\/draw$/);
	await expect(page.locator('meta[name="description"]')).toHaveCount(1);
	await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
		'content',
		/\/og\/draw\.png$/
	);
	// The card as a chat shows it, wide and on a phone: look at these.
	for (const [name, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
		await page.setViewportSize(viewport);
		await page.goto('/og/lesson-loss.png');
		await shoot(page, { path: `${SCREENSHOT_DIR}/meta-card-lesson-loss-${name}.png` });
	}
});
