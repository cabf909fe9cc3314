import { expect, test, type Page } from '@playwright/test';
import { barValues, canvasPixels, collectErrors, screenshots, untilDrawn } from './helpers';

/**
 * Steps 6 and 7 of the lesson against the live run: the gradient of one batch, then SGD steps
 * on batch after batch. The numbers checked here come from the engine in the worker.
 */

async function openStep(page: Page, slug: string): Promise<void> {
	await page.goto(`/lesson/${slug}`);
	await expect(page.getByTestId('run-summary')).toContainText('batches trained', {
		timeout: 90_000
	});
}

/** Red-ish, blue-ish and distinct colours among a canvas's pixels. */
async function colours(page: Page, testid: string) {
	return (await untilDrawn(page.getByTestId(testid))).evaluate((node) => {
		const canvas = node as HTMLCanvasElement;
		const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
		let red = 0;
		let blue = 0;
		const distinct = new Set<number>();
		for (let i = 0; i < data.length; i += 4) {
			const [r, b] = [data[i], data[i + 2]];
			if (r > b + 40) red++;
			if (b > r + 40) blue++;
			distinct.add((data[i] << 16) | (data[i + 1] << 8) | b);
		}
		return { pixels: data.length / 4, red, blue, distinct: distinct.size };
	});
}

/** The trace table's rows, oldest first. */
async function traceRows(page: Page) {
	const rows = await page
		.getByTestId('step-trace-row')
		.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent ?? '')));
	return rows.reverse().map(([batch, digits, lr, before, after]) => ({
		batch: Number(batch),
		digits: digits.trim(),
		lr: Number(lr),
		before: Number(before),
		after: Number(after)
	}));
}

async function pressRun(page: Page, rowsBefore: number): Promise<void> {
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('step-trace-row')).toHaveCount(rowsBefore + 1, { timeout: 60_000 });
}

test('step 6 shows the first batch’s gradient: ten maps, bias gradients and sizes, and moves on after a step', async ({
	page
}) => {
	const errors = collectErrors(page);
	await openStep(page, 'gradient');
	const batch = page.getByTestId('gradient-batch');
	await expect(batch).toContainText('batch 1 (1 of 235 in epoch 1): 256 digits, all 0s', {
		timeout: 60_000
	});
	const loss = Number(
		/loss on this batch (\d+(?:\.\d+)?)/.exec((await batch.textContent()) ?? '')![1]
	);
	expect(loss).toBeGreaterThan(0);

	const allMaps = async () => {
		const out = [];
		for (let c = 0; c < 10; c++) out.push(await colours(page, `gradient-heatmap-${c}`));
		return out;
	};
	// A batch of only 0s: class 0's map is red in the shape of a 0 (raising those weights raises
	// the score for the true class), and the classes that took probability from it are blue.
	const shared = await allMaps();
	expect(shared.every((m) => m.pixels === 784)).toBe(true);
	expect(shared[0].red).toBeGreaterThan(100);
	expect(shared[0].blue).toBe(0);
	expect(shared[6].blue).toBeGreaterThan(50);
	expect(shared[7].blue).toBeGreaterThan(50);
	// On the one shared scale the classes this batch hardly touches (3, 5 and 9 carry almost no
	// probability for these 0s: sizes below 0.02 against 8.4 for class 0) are near white.
	expect(shared[3].distinct).toBeLessThanOrEqual(3);
	// Each map on its own scale: all ten are non-uniform, and every map is the same 0 shape,
	// red for class 0 and blue for the nine others (p_c - [y = c] has one sign per class here).
	await page.getByTestId('gradient-own-scale').check();
	await expect(page.getByTestId('gradient-legend')).toContainText('its own scale');
	const own = await allMaps();
	for (const [c, m] of own.entries()) {
		expect(m.distinct, `map ${c} is non-uniform`).toBeGreaterThan(10);
		if (c === 0) expect(m.blue).toBe(0);
		else expect(m.red, `map ${c} has no red`).toBe(0);
		if (c !== 0) expect(m.blue, `map ${c} is blue`).toBeGreaterThan(50);
	}
	await page.getByTestId('gradient-own-scale').uncheck();
	await expect(page.getByTestId('gradient-heatmap-0')).toHaveAttribute('aria-label', /L2 norm/);

	const norms = await barValues(page, 'gradient-norms');
	expect(norms.every((n) => Number.isFinite(n) && n >= 0)).toBe(true);
	expect(Math.max(...norms)).toBe(norms[0]);
	// Each bar has its number printed on it, and the text alternative lists all ten.
	const printed = page.getByTestId('gradient-norms').locator('text.value');
	await expect(printed).toHaveCount(10);
	await expect(printed.first()).toHaveText(/^\d+(\.\d+)?(e-\d+)?$/);
	await expect(page.getByTestId('gradient-norms').locator('svg')).toHaveAttribute(
		'aria-label',
		/0: \d[\d.e-]*, 1: /
	);
	const bias = await barValues(page, 'gradient-bias');
	expect(bias[0]).toBeLessThan(0);
	expect(Math.abs(bias.reduce((a, b) => a + b, 0))).toBeLessThan(1e-4);
	await expect(page.getByTestId('panel-gradient')).toContainText(/\d+ of 784 pixels are blank/);

	// The gradient step trains nothing: Run computes the next batch's gradient with the same
	// weights (another batch of 0s: the same shape, other strengths), and the run stays put.
	const firstMap = await canvasPixels(page, 'gradient-heatmap-0');
	await page.getByTestId('run-action').click();
	await expect(batch).toContainText('batch 2 (2 of 235 in epoch 1): 256 digits, all 0s');
	await expect(page.getByTestId('run-action')).toBeEnabled();
	expect(await canvasPixels(page, 'gradient-heatmap-0')).not.toBe(firstMap);
	await expect(page.getByTestId('run-summary')).toContainText('0 batches trained');

	// One step trains batch 1; back on step 6 the gradient is batch 2's, with new maps.
	await page
		.getByRole('link', { name: /Step the parameters/ })
		.first()
		.click();
	await expect(page.getByTestId('step-before')).toBeVisible();
	await pressRun(page, 0);
	await page
		.getByRole('link', { name: /Calculate the gradient/ })
		.first()
		.click();
	await expect(page.getByTestId('gradient-batch')).toContainText('batch 2 (2 of 235', {
		timeout: 60_000
	});
	const secondMap = await canvasPixels(page, 'gradient-heatmap-0');
	expect(secondMap).not.toBe(firstMap);

	// Reset run: fresh weights from seed 1 and no gradient; Run computes batch 1's again, the same.
	await page.getByRole('button', { name: 'Reset run' }).click();
	await expect(page.getByTestId('gradient-loading')).toContainText('press Run');
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('gradient-batch')).toContainText('batch 1 (1 of 235');
	expect(await canvasPixels(page, 'gradient-heatmap-0')).toBe(firstMap);

	await screenshots(page, 'lesson-gradient', () =>
		expect(page.getByTestId('gradient-heatmap-9')).toBeVisible()
	);
	expect(errors).toEqual([]);
});

test('step 7 steps batch after batch: W, -lr*grad and new W, the losses, the trace and lr checks', async ({
	page
}) => {
	const errors = collectErrors(page);
	await openStep(page, 'step');
	await expect(page.getByTestId('step-before')).toBeVisible();
	await expect(page.getByTestId('step-change-empty')).toHaveText('press Step');
	await expect(page.getByTestId('step-after-empty')).toHaveText('press Step');

	await pressRun(page, 0);
	// After one step on a batch of 0s, class 0's new weights differ visibly from the old ones.
	expect(await canvasPixels(page, 'step-after')).not.toBe(await canvasPixels(page, 'step-before'));
	// Class 0's gradient was red on the 0s (raising those weights lowers the loss), so the
	// change -lr * grad is blue there: the step raises them.
	const change = await colours(page, 'step-change');
	expect(change.blue).toBeGreaterThan(100);
	expect(change.red).toBe(0);
	await expect(page.getByTestId('step-change-legend')).toContainText('its own scale');
	await pressRun(page, 1);
	await pressRun(page, 2);

	const rows = await traceRows(page);
	expect(rows.map((r) => r.batch)).toEqual([1, 2, 3]);
	expect(rows.every((r) => r.lr === 0.1 && r.digits === 'all 0s')).toBe(true);
	// The notebook's recipe (std 1, lr 0.1): each of the first steps lowers its batch's loss.
	for (const r of rows) expect(r.after).toBeLessThan(r.before);
	await expect(page.getByTestId('step-result')).toContainText('Step 3 trained batch 3');
	await expect(page.getByTestId('step-trace-chart')).toContainText('went down on 3 of 3 steps');

	// The class chooser switches all three maps.
	const class0 = await Promise.all(
		['step-before', 'step-change', 'step-after'].map((id) => canvasPixels(page, id))
	);
	await page.getByTestId('step-class-7').click();
	await expect(page.getByTestId('step-class-7')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('step-before')).toHaveAttribute('aria-label', /class 7/);
	const class7 = await Promise.all(
		['step-before', 'step-change', 'step-after'].map((id) => canvasPixels(page, id))
	);
	class7.forEach((url, i) => expect(url).not.toBe(class0[i]));

	// Bad learning rates are explained and not used; 10 is allowed and shows a loss blowing up.
	const lr = page.getByTestId('step-lr');
	const message = page.getByTestId('step-lr-message');
	await lr.fill('0');
	await expect(message).toContainText('lr must be above 0');
	await expect(lr).toHaveAttribute('aria-invalid', 'true');
	await lr.fill('-1');
	await expect(message).toContainText('above 0');
	await lr.fill('12');
	await expect(message).toContainText('at most 10');
	await expect(message).toContainText('keep using lr = 0.1');
	await page.getByTestId('step-again').click();
	await expect(page.getByTestId('step-trace-row')).toHaveCount(4, { timeout: 60_000 });
	expect((await traceRows(page))[3].lr).toBe(0.1);

	await lr.fill('10');
	await expect(message).toContainText('−10 × its gradient');
	await expect(page.getByTestId('step-again')).toHaveText(/Step again/);
	await page.getByTestId('step-again').click();
	await expect(page.getByTestId('step-trace-row')).toHaveCount(5, { timeout: 60_000 });
	const big = (await traceRows(page))[4];
	expect(big.lr).toBe(10);
	test.info().annotations.push({
		type: 'losses',
		description: JSON.stringify(await traceRows(page))
	});

	await screenshots(page, 'lesson-step', () =>
		expect(page.getByTestId('step-after')).toBeVisible()
	);
	expect(errors).toEqual([]);
});

test('step 7: lr 0.1 lowers the loss on all 23 batches of 0s; lr 10 on the first mixed batch makes it go up', async ({
	page
}) => {
	await openStep(page, 'step');
	await expect(page.getByTestId('step-before')).toBeVisible();
	for (let i = 0; i < 23; i++) {
		await page.getByTestId('step-again').click();
		await expect(page.getByTestId('step-trace-row')).toHaveCount(i + 1, { timeout: 60_000 });
	}
	const zeros = await traceRows(page);
	expect(zeros.every((r) => r.digits === 'all 0s' && r.after < r.before)).toBe(true);

	// Batch 24 holds the last 35 zeros and 221 ones; a step of lr 10 overshoots on it.
	await page.getByTestId('step-lr').fill('10');
	await page.getByTestId('step-again').click();
	await expect(page.getByTestId('step-trace-row')).toHaveCount(24, { timeout: 60_000 });
	const [mixed] = (await traceRows(page)).slice(-1);
	expect(mixed).toMatchObject({ batch: 24, digits: '0s and 1s', lr: 10 });
	await expect(page.getByTestId('step-result')).toContainText('0s and 1s (35 + 221), with lr 10');
	expect(mixed.after).toBeGreaterThan(mixed.before);
	await expect(page.getByTestId('step-result')).toContainText('after (+');
	test.info().annotations.push({ type: 'batch 24 at lr 10', description: JSON.stringify(mixed) });
});
