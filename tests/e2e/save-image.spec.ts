import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { openStep, SCREENSHOT_DIR, screenshots } from './helpers';

/**
 * Saving pictures for slides: a weight grid's PNG (2x, with its title, names, key and caption
 * drawn in) and a chart's SVG (standalone, with its axis words), as the browser downloads them.
 */

/** Clicks a button that starts a download and returns the file. */
async function download(page: Page, click: () => Promise<void>): Promise<Download> {
	const [file] = await Promise.all([page.waitForEvent('download'), click()]);
	return file;
}

/** Decodes a PNG in the page: its size and how many pixels differ from its top-left pixel. */
function inspectPng(page: Page, bytes: Buffer) {
	return page.evaluate(async (base64) => {
		const image = new Image();
		image.src = `data:image/png;base64,${base64}`;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = image.naturalWidth;
		canvas.height = image.naturalHeight;
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(image, 0, 0);
		const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		let inked = 0;
		const colours = new Set<number>();
		for (let i = 0; i < data.length; i += 4) {
			if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) inked++;
			if (colours.size < 500) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
		}
		return { width: image.naturalWidth, height: image.naturalHeight, inked, colours: colours.size };
	}, bytes.toString('base64'));
}

test('a weight grid saves a 2x PNG with its maps, and a chart saves an SVG with its axes', async ({
	page
}) => {
	await openStep(page, 'init');
	const grid = page.getByTestId('weight-grid');
	await expect(grid.getByTestId('weight-heatmap-9')).toBeVisible();
	const saves = grid.getByRole('group', { name: 'Save weights as a picture' });
	await expect(saves.getByRole('button', { name: 'Save PNG' })).toBeVisible();
	// A chart's buttons come in the same place: PNG and SVG.
	const bias = page.getByTestId('bias-bars');
	await expect(bias.getByRole('button', { name: 'Save SVG' })).toBeVisible();
	await screenshots(page, 'save-image-init');

	// Keyboard: focus the grid's button and press Enter.
	const png = await download(page, async () => {
		await saves.getByRole('button', { name: 'Save PNG' }).focus();
		await page.keyboard.press('Enter');
	});
	expect(png.suggestedFilename()).toBe('digit-lab-weights-step-3.png');
	const bytes = await readFile((await png.path())!);
	expect(bytes.subarray(1, 4).toString()).toBe('PNG');
	expect(bytes.length).toBeGreaterThan(20_000);
	expect(bytes.length).toBeLessThan(2_000_000);
	await expect(saves.getByRole('status')).toHaveText('Saved digit-lab-weights-step-3.png.');

	const picture = await inspectPng(page, bytes);
	// Five 78 px maps across with 10 px gaps and 16 px margins, at 2x.
	expect(picture.width).toBe(2 * (5 * 78 + 4 * 10 + 2 * 16));
	expect(picture.height).toBeGreaterThan(2 * 2 * 78);
	// Not blank: the maps, names, key and words cover a good part of the picture in many colours.
	expect(picture.inked).toBeGreaterThan(picture.width * picture.height * 0.15);
	expect(picture.colours).toBeGreaterThan(100);
	await png.saveAs(`${SCREENSHOT_DIR}/saved-weights.png`);

	const svgFile = await download(page, () =>
		bias.getByRole('button', { name: 'Save SVG' }).click()
	);
	expect(svgFile.suggestedFilename()).toBe('digit-lab-bias-of-each-digit-step-3.svg');
	const svg = await readFile((await svgFile.path())!, 'utf8');
	const parsed = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			root: doc.documentElement.nodeName,
			texts: [...doc.querySelectorAll('text')].map((t) => t.textContent?.trim() ?? ''),
			title: doc.querySelector('title')?.textContent
		};
	}, svg);
	expect(parsed.error).toBeNull();
	expect(parsed.root).toBe('svg');
	expect(parsed.title).toBe('Bias of each digit');
	expect(parsed.texts).toContain('bias');
	expect(parsed.texts).toEqual(expect.arrayContaining(['0', '9']));
	// Styles are inlined: the file has no stylesheet to lean on.
	expect(svg).toMatch(/<text[^>]*style="[^"]*fill:/);

	const chartPng = await download(page, () =>
		bias.getByRole('button', { name: 'Save PNG' }).click()
	);
	const chartPicture = await inspectPng(page, await readFile((await chartPng.path())!));
	await chartPng.saveAs(`${SCREENSHOT_DIR}/saved-bias-chart.png`);
	await svgFile.saveAs(`${SCREENSHOT_DIR}/saved-bias-chart.svg`);
	const box = await bias.locator('svg[role="img"]').first().boundingBox();
	expect(chartPicture.width).toBe(2 * (Math.round(box!.width) + 32));
	expect(chartPicture.inked).toBeGreaterThan(1000);
});

test('the gradient maps save a 2x PNG with their ten maps, names and key', async ({ page }) => {
	await openStep(page, 'gradient');
	await expect(page.getByTestId('gradient-heatmap-9')).toBeVisible({ timeout: 90_000 });
	const saves = page.getByRole('group', { name: 'Save gradient maps as a picture' });
	const png = await download(page, () => saves.getByRole('button', { name: 'Save PNG' }).click());
	expect(png.suggestedFilename()).toBe('digit-lab-gradient-maps-step-6.png');
	await expect(saves.getByRole('status')).toHaveText('Saved digit-lab-gradient-maps-step-6.png.');
	const bytes = await readFile((await png.path())!);
	expect(bytes.subarray(1, 4).toString()).toBe('PNG');

	const picture = await inspectPng(page, bytes);
	// Five 120 px maps across with 10 px gaps and 16 px margins, at 2x; two rows of them.
	expect(picture.width).toBe(2 * (5 * 120 + 4 * 10 + 2 * 16));
	expect(picture.height).toBeGreaterThan(2 * 2 * 120);
	// Not blank: ten maps in reds and blues, their names, the key and the title.
	expect(picture.inked).toBeGreaterThan(picture.width * picture.height * 0.15);
	expect(picture.colours).toBeGreaterThan(100);
	await png.saveAs(`${SCREENSHOT_DIR}/saved-gradient-maps.png`);
	await screenshots(page, 'save-image-gradient');
});

/** Presses the Save PNG of the group named "Save <what> as a picture"; the file and its pixels. */
async function savedPng(page: Page, what: string) {
	const group = page.getByRole('group', { name: `Save ${what} as a picture` });
	const file = await download(page, () => group.getByRole('button', { name: 'Save PNG' }).click());
	return { file, picture: await inspectPng(page, await readFile((await file.path())!)) };
}

test('step 4’s contribution maps and /draw’s stages save their PNGs too', async ({ page }) => {
	await openStep(page, 'predict');
	await expect(page.getByTestId('contribution-map-9')).toBeVisible({ timeout: 90_000 });
	const { file: mapsPng, picture: mapsPicture } = await savedPng(page, 'contribution maps');
	expect(mapsPng.suggestedFilename()).toBe('digit-lab-contribution-maps-step-4.png');
	// Five 120 px maps across, two rows, at 2x.
	expect(mapsPicture.width).toBe(2 * (5 * 120 + 4 * 10 + 2 * 16));
	expect(mapsPicture.height).toBeGreaterThan(2 * 2 * 120);
	expect(mapsPicture.inked).toBeGreaterThan(mapsPicture.width * mapsPicture.height * 0.1);
	expect(mapsPicture.colours).toBeGreaterThan(100);
	await mapsPng.saveAs(`${SCREENSHOT_DIR}/saved-contribution-maps.png`);

	// /draw without a model still shows (and saves) how a drawing becomes 28 x 28.
	await page.goto('/draw');
	await page.getByTestId('draw-example-3').click({ timeout: 90_000 });
	await expect(page.getByTestId('draw-stages')).toBeVisible();
	const { file: stagesPng, picture: stagesPicture } = await savedPng(page, 'drawing stages');
	expect(stagesPng.suggestedFilename()).toBe('digit-lab-drawing-stages-draw.png');
	expect(stagesPicture.width).toBe(2 * (4 * 120 + 3 * 10 + 2 * 16));
	expect(stagesPicture.inked).toBeGreaterThan(stagesPicture.width * stagesPicture.height * 0.1);
	await stagesPng.saveAs(`${SCREENSHOT_DIR}/saved-drawing-stages.png`);
});
