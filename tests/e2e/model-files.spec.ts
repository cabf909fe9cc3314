/**
 * Export and import of a trained model, as a learner does it: train a short run of the net, save
 * it as a LayersModel (checked in the page and again here in node with tf.loadLayersModel) and
 * as a JSON model file, then bring the JSON back into a fresh page by the file picker and by
 * drag and drop, and see a corrupted file refused without losing the run.
 */
import { expect, test, type Browser, type Download, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseModelFile } from '../../src/lib/share/modelFile';
import { collectErrors, DESKTOP, PHONE, SCREENSHOT_DIR, shoot } from './helpers';

const QUERY = 'model=mlp&subset=2000&epochs=1&order=shuffled';
const COUNT = 100;

/** The first COUNT test digits as 0..1 pixels (the same file the page loads). */
function testDigits(): Float32Array {
	const idx = gunzipSync(readFileSync('static/data/mnist/t10k-images-idx3-ubyte.gz'));
	return Float32Array.from(idx.subarray(16, 16 + COUNT * 784), (v) => v / 255);
}

/**
 * Predicted digits of a JSON model file's net, computed here by hand in float64:
 * relu(x W1 + b1) W2 + b2, with the gap between the two largest logits.
 */
function predictFromFile(weights: { name: string; values: Float32Array }[], x: Float32Array) {
	const get = (name: string) => weights.find((w) => w.name === name)!.values;
	const [W1, b1, W2, b2] = ['W1', 'b1', 'W2', 'b2'].map(get);
	const hidden = b1.length;
	return Array.from({ length: COUNT }, (_, n) => {
		const h = Array.from(b1, (b, j) => {
			let sum = b;
			for (let p = 0; p < 784; p++) sum += x[n * 784 + p] * W1[p * hidden + j];
			return Math.max(0, sum);
		});
		const logits = Array.from(b2, (b, k) => h.reduce((s, v, j) => s + v * W2[j * 10 + k], b));
		const [top, second] = [...logits].sort((a, b) => b - a);
		return { digit: logits.indexOf(top), gap: top - second };
	});
}

/** Clicks and collects the downloads the click starts. */
async function downloadsOf(page: Page, button: string, count: number): Promise<Download[]> {
	const downloads: Download[] = [];
	const listener = (d: Download) => downloads.push(d);
	page.on('download', listener);
	await page.getByRole('button', { name: button }).click();
	await expect.poll(() => downloads.length).toBe(count);
	page.off('download', listener);
	return downloads;
}

async function bytesOf(download: Download): Promise<Buffer> {
	return readFileSync(await download.path());
}

async function open(page: Page, query = ''): Promise<void> {
	// A dev server's reload socket is silenced: another file's edit must not reload the page.
	await page.routeWebSocket(/\/\?token=/, () => {});
	await page.goto(`/playground${query ? `?${query}` : ''}`);
	await expect(page.getByTestId('data-progress')).toHaveAttribute('aria-valuenow', '100', {
		timeout: 60_000
	});
	await expect(trainButton(page)).toBeEnabled();
}

/**
 * A new visitor's playground, in a browser context of its own: the run trained above is saved in
 * the first context's IndexedDB and would come back on a plain /playground (restore.spec).
 */
async function newVisitor(browser: Browser, errors: string[][]): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	errors.push(collectErrors(page));
	await open(page);
	return page;
}

function trainButton(page: Page) {
	return page.getByRole('button', { name: 'Train', exact: true });
}

/** The panel alone at phone and desktop width (a full phone page is too tall to read). */
async function panelShots(page: Page, name: string): Promise<void> {
	const panel = page.locator('.panel', { has: page.getByTestId('model-files') });
	for (const [size, viewport] of [
		['phone', PHONE],
		['desktop', DESKTOP]
	] as const) {
		await page.setViewportSize(viewport);
		await expect
			.poll(() =>
				page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				)
			)
			.toBeLessThanOrEqual(0);
		await shoot(panel, { path: `${SCREENSHOT_DIR}/model-files-${name}-panel-${size}.png` });
	}
}

/** Epoch, test accuracy and the imported recipe, as the page shows them. */
async function shownRun(page: Page) {
	return {
		epoch: await page.getByTestId('epoch').textContent(),
		accuracy: await page.getByTestId('valid-accuracy').textContent()
	};
}

test('export as LayersModel and JSON, import by picker and by drop, refuse a corrupted file', async ({
	page: trainer,
	browser
}) => {
	test.setTimeout(180_000);
	const consoleErrors = [collectErrors(trainer)];
	let page = trainer;
	await open(page, QUERY);
	await trainButton(page).click();
	await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 90_000 });
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	const trained = await shownRun(page);

	// LayersModel: two files, checked in the page's worker...
	const layers = await downloadsOf(page, 'Export LayersModel', 2);
	const names = layers.map((d) => d.suggestedFilename()).sort();
	expect(names).toEqual(['digit-lab-net-h30-model.json', 'digit-lab-net-h30-model.weights.bin']);
	await expect(page.getByTestId('layers-check')).toHaveText(
		`Checked: the exported model loads with tf.loadLayersModel and agrees with this model on ${COUNT}/${COUNT} test digits.`
	);
	const modelJson = JSON.parse(
		(await bytesOf(layers.find((d) => d.suggestedFilename().endsWith('.json'))!)).toString()
	);
	const weightsBin = await bytesOf(layers.find((d) => d.suggestedFilename().endsWith('.bin'))!);
	expect(modelJson.weightsManifest[0].paths).toEqual(['./digit-lab-net-h30-model.weights.bin']);
	expect(weightsBin.length).toBe(4 * (784 * 30 + 30 + 30 * 10 + 10));

	// ...and the JSON model file.
	const [jsonDownload] = await downloadsOf(page, 'Export JSON', 1);
	expect(jsonDownload.suggestedFilename()).toBe('digit-lab-net-h30-1-epoch.json');
	const jsonText = (await bytesOf(jsonDownload)).toString();
	const exported = parseModelFile(jsonText);
	if (!exported.ok) throw new Error(exported.errors.join(' '));
	expect(exported.file.config).toMatchObject({ model: 'mlp', hidden: 30, trainSubset: 2000 });
	expect(exported.file.epochs).toHaveLength(1);
	expect(exported.file.epochs[0].validAccuracy.toFixed(4)).toBe(trained.accuracy);
	await expect(page.getByTestId('model-file-report')).toContainText(
		'Saved digit-lab-net-h30-1-epoch.json'
	);
	// The check still describes the live model (nothing trained since).
	await expect(page.getByTestId('layers-check')).toBeVisible();

	// Here in node: tf.loadLayersModel on the downloaded files predicts what the page's model
	// predicts (its exact weights, from the JSON file, run forward by hand).
	await tf.setBackend('cpu');
	const loaded = await tf.loadLayersModel(
		tf.io.fromMemory({
			modelTopology: modelJson.modelTopology,
			weightSpecs: modelJson.weightsManifest[0].weights,
			weightData: new Uint8Array(weightsBin).buffer
		})
	);
	const x = testDigits();
	const theirs = tf.tidy(
		() =>
			tf
				.argMax(loaded.predict(tf.tensor2d(x, [COUNT, 784])) as tf.Tensor, 1)
				.arraySync() as number[]
	);
	loaded.dispose();
	const ours = predictFromFile(exported.file.weights, x);
	// float32 (tfjs) and float64 (here) may only disagree on a near tie: leave those out.
	const clear = ours.flatMap((p, i) => (p.gap > 1e-4 ? [i] : []));
	expect(clear.length).toBeGreaterThanOrEqual(COUNT - 2);
	expect(clear.map((i) => theirs[i])).toEqual(clear.map((i) => ours[i].digit));
	expect(new Set(theirs).size).toBeGreaterThan(5);

	await shoot(page, {
		path: `${SCREENSHOT_DIR}/model-files-exported-desktop.png`,
		fullPage: true
	});
	await panelShots(page, 'exported');

	// A fresh page with the default recipe (a new visitor's: no saved run comes back): import by
	// the file picker.
	page = await newVisitor(browser, consoleErrors);
	await expect(page.getByTestId('epoch')).toHaveText('0');
	await page.getByTestId('model-file-input').setInputFiles({
		name: 'my-net.json',
		mimeType: 'application/json',
		buffer: Buffer.from(jsonText)
	});
	await expect(page.getByTestId('model-file-report')).toContainText(
		'Imported "my-net.json": the net (30 hidden units), learning rate 0.1, batch 256, shuffled batches, seed 1, 2,000 training digits, 1 epoch trained'
	);
	await expect(page.getByTestId('model-file-report')).toContainText(
		'raise epochs above 1 first; otherwise Train starts a fresh run.'
	);
	expect(await shownRun(page)).toEqual(trained);
	// The recipe is the form's too (so Train continues this model rather than replacing it).
	await expect(page).toHaveURL(/subset=2000/);
	// The very same weights are back in the worker: exporting again gives the same numbers.
	const [again] = await downloadsOf(page, 'Export JSON', 1);
	const reExported = parseModelFile((await bytesOf(again)).toString());
	expect(reExported.ok && reExported.file.weights).toEqual(exported.file.weights);

	// A corrupted file: a specific message, and the imported run is still there.
	const broken = JSON.parse(jsonText);
	broken.weights[0].shape = [784, 20];
	await page.getByTestId('model-file-input').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(broken))
	});
	const messages = page.getByTestId('model-file-errors');
	await expect(messages).toContainText(
		'Could not import "broken.json"; the current run is unchanged.'
	);
	await expect(messages).toContainText(
		'W1 should be 784 x 30 for the net with 30 hidden units, the file has 784 x 20.'
	);
	await page.getByTestId('model-file-input').setInputFiles({
		name: 'cut.json',
		mimeType: 'application/json',
		buffer: Buffer.from(jsonText.slice(0, 1000))
	});
	await expect(messages).toContainText('This file is not JSON');
	expect(await shownRun(page)).toEqual(trained);
	await expect(page.getByTestId('model-file-report')).toHaveCount(0);

	await shoot(page, {
		path: `${SCREENSHOT_DIR}/model-files-refused-desktop.png`,
		fullPage: true
	});
	await panelShots(page, 'refused');

	// Another fresh page: import by dropping the file on the panel.
	await page.context().close();
	page = await newVisitor(browser, consoleErrors);
	const dataTransfer = await page.evaluateHandle((text) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
		return transfer;
	}, jsonText);
	await page.getByTestId('model-files').dispatchEvent('dragover', { dataTransfer });
	await expect(page.getByTestId('model-files')).toHaveClass(/dragging/);
	await page.getByTestId('model-files').dispatchEvent('drop', { dataTransfer });
	await expect(page.getByTestId('model-file-report')).toContainText('Imported "dropped.json"');
	await expect(page.getByTestId('model-files')).not.toHaveClass(/dragging/);
	expect(await shownRun(page)).toEqual(trained);
	await shoot(page, {
		path: `${SCREENSHOT_DIR}/model-files-imported-desktop.png`,
		fullPage: true
	});
	await panelShots(page, 'imported');
	// The dropped model is the live one: exporting it again gives the very same weights.
	const [dropJson] = await downloadsOf(page, 'Export JSON', 1);
	const dropped = parseModelFile((await bytesOf(dropJson)).toString());
	expect(dropped.ok && dropped.file.weights).toEqual(exported.file.weights);
	await page.context().close();
	expect(consoleErrors.flat()).toEqual([]);
});
