import { expect, test, type Page } from '@playwright/test';
import { barValues, canvasPixels, collectErrors, screenshots } from './helpers';

/**
 * Steps 3-5 of the lesson against the live run in the worker: the initial weights, one digit's
 * prediction class by class, and its loss. Every number checked here came from the engine.
 */

/** Opens a step directly and waits until the run exists (the Run bar names its batches). */
async function openStep(page: Page, slug: string): Promise<void> {
	await page.goto(`/lesson/${slug}`);
	await expect(page.getByTestId('run-summary')).toContainText('batches trained', {
		timeout: 90_000
	});
}

/** "−12.34" (with a real minus sign) -> -12.34. */
function num(text: string | null): number {
	return Number((text ?? '').trim().replace('−', '-'));
}

test('step 3 draws the ten weight maps, biases and histogram, and Run re-initialises with a new std', async ({
	page
}) => {
	const errors = collectErrors(page);
	await openStep(page, 'init');
	for (let c = 0; c < 10; c++) await expect(page.getByTestId(`weight-heatmap-${c}`)).toBeVisible();
	await expect(page.getByTestId('param-count')).toHaveText(
		'7,850 parameters (7,840 weights + 10 biases)'
	);
	const biases = await barValues(page, 'bias-bars');
	expect(biases.some((b) => b < 0) && biases.some((b) => b > 0)).toBe(true);
	expect(await page.locator('[data-testid="weight-histogram"] rect').count()).toBeGreaterThan(10);

	const spread = page.getByTestId('weight-spread');
	await expect(spread).toContainText('7,840 weights');
	const stdOf = async () => num(/std\s+([−\d.e-]+)/.exec((await spread.textContent()) ?? '')![1]);
	expect(await stdOf()).toBeGreaterThan(0.95);
	expect(await stdOf()).toBeLessThan(1.05);
	const before = await canvasPixels(page, 'weight-heatmap-0');
	const histogramBefore = await page
		.getByTestId('weight-histogram')
		.getByRole('img')
		.getAttribute('aria-label');

	await page.getByTestId('init-std').selectOption('0.01');
	await expect(page.getByText('Press Run to draw new weights with std 0.01')).toBeVisible();
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('run-summary')).toContainText('std 0.01');
	await expect.poll(() => stdOf()).toBeLessThan(0.0105);
	expect(await stdOf()).toBeGreaterThan(0.0095);
	await expect(page.getByTestId('weight-histogram').getByRole('img')).not.toHaveAttribute(
		'aria-label',
		histogramBefore!
	);
	// The maps' colour scale fits the weights, and the same seed draws the same normal numbers:
	// std 0.01 paints (up to rounding) the same pictures on a scale a hundred times smaller.
	await expect(page.getByTestId('weight-grid')).toContainText(/values from -0\.0\d+ to 0\.0\d+/);
	// A new seed draws new noise.
	await page.getByTestId('init-seed').fill('2');
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('run-summary')).toContainText('seed 2');
	await expect.poll(() => canvasPixels(page, 'weight-heatmap-0')).not.toBe(before);
	expect(await stdOf()).toBeLessThan(0.0105);

	await page.getByTestId('init-seed').fill('1');
	await page.getByTestId('init-std').selectOption('1');
	await page.getByTestId('run-action').click();
	await expect.poll(() => stdOf()).toBeGreaterThan(0.95);
	// Seed 1, std 1 again: exactly the weights the page opened with.
	await expect.poll(() => canvasPixels(page, 'weight-heatmap-0')).toBe(before);

	await screenshots(page, 'lesson-init', () =>
		expect(page.getByTestId('weight-heatmap-9')).toBeVisible()
	);
	expect(errors).toEqual([]);
});

/** Each class's "sum + bias = logit" caption adds up, and matches the worker's logit bars. */
async function expectLogitsAddUp(page: Page): Promise<number[]> {
	const bars = await barValues(page, 'logit-bars');
	for (let c = 0; c < 10; c++) {
		const sum = num(await page.getByTestId(`logit-sum-${c}`).textContent());
		const bias = num(await page.getByTestId(`logit-bias-${c}`).textContent());
		const logit = num(await page.getByTestId(`logit-value-${c}`).textContent());
		expect(Math.abs(sum + bias - logit)).toBeLessThanOrEqual(0.0101 + Math.abs(logit) * 1e-3);
		expect(Math.abs(logit - bars[c])).toBeLessThanOrEqual(0.0051 + Math.abs(logit) * 1e-3);
	}
	return bars;
}

test('step 4 shows each class contribution and logit, and another digit changes them', async ({
	page
}) => {
	const errors = collectErrors(page);
	await openStep(page, 'predict');
	await expect(page.getByTestId('logit-value-9')).toBeVisible();
	const bars = await expectLogitsAddUp(page);
	const predicted = page.getByTestId('predicted-class');
	expect(num(await predicted.textContent())).toBe(bars.indexOf(Math.max(...bars)));
	await expect(page.getByTestId('prediction-verdict')).toContainText(/true label \d/);
	const mapBefore = await canvasPixels(page, 'contribution-map-3');

	// The gallery's first digit is a 0; the run starts on test digit #0, a 7.
	const zero = page.getByTestId('test-digit-0');
	await expect(zero).toHaveAttribute('aria-pressed', 'false');
	await zero.click();
	await expect(zero).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('prediction-verdict')).toContainText('true label 0');
	await expect.poll(() => barValues(page, 'logit-bars')).not.toEqual(bars);
	const after = await expectLogitsAddUp(page);
	expect(num(await predicted.textContent())).toBe(after.indexOf(Math.max(...after)));
	expect(await canvasPixels(page, 'contribution-map-3')).not.toBe(mapBefore);

	await screenshots(page, 'lesson-predict', () =>
		expect(page.getByTestId('contribution-map-9')).toBeVisible()
	);
	expect(errors).toEqual([]);
});

test('step 5 turns logits into probabilities, marks the loss on -log p and measures a batch', async ({
	page
}) => {
	const errors = collectErrors(page);
	await openStep(page, 'loss');
	const probs = await barValues(page, 'prob-bars');
	expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
	await expect(page.getByTestId('prob-sum')).toContainText('Sum of the ten: 1.000000');

	// The marked point lies on the drawn curve, and its numbers satisfy loss = -log p.
	const mark = page.getByTestId('loss-curve-main');
	const p = Number(await mark.getAttribute('data-x'));
	const loss = Number(await mark.getAttribute('data-y'));
	expect(loss).toBeCloseTo(-Math.log(p), 6);
	const distance = await page.getByTestId('loss-curve-path').evaluate((path, id) => {
		const curve = path as SVGPathElement;
		const circle = document.querySelector(`[data-testid="${id}"]`) as SVGCircleElement;
		const cx = circle.cx.baseVal.value;
		const cy = circle.cy.baseVal.value;
		const length = curve.getTotalLength();
		let best = Infinity;
		for (let i = 0; i <= 4000; i++) {
			const q = curve.getPointAtLength((length * i) / 4000);
			best = Math.min(best, Math.hypot(q.x - cx, q.y - cy));
		}
		return best;
	}, 'loss-curve-main');
	expect(distance).toBeLessThan(1.5);
	await expect(page.getByTestId('digit-loss')).toContainText(/= \d+(\.\d+)?$/);

	// Another digit: new probabilities, and the mark moves along the curve.
	await page.getByTestId('test-digit-4').click();
	await expect(page.getByTestId('test-digit-4')).toHaveAttribute('aria-pressed', 'true');
	await expect(mark).not.toHaveAttribute('data-x', String(p));
	const moved = Number(await mark.getAttribute('data-x'));
	expect(Number(await mark.getAttribute('data-y'))).toBeCloseTo(-Math.log(moved), 6);
	expect((await barValues(page, 'prob-bars')).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);

	// The notebook's std 1: a large loss on the first batch, which holds only 0s.
	const label = page.getByTestId('batch-loss-label');
	await expect(label).toContainText(
		"batch 1 (1 of 235 in epoch 1): 256 digits, all 0s in the notebook's order"
	);
	const batchLoss = page.getByTestId('batch-loss');
	const first = num(await batchLoss.textContent());
	expect(first).toBeGreaterThan(5);
	await expect(page.getByTestId('run-action')).toHaveText(/loss of batch 2 of 235 \(all 0s\)/);
	await page.getByTestId('run-action').click();
	// Measuring does not train: Run measures batch 2 with the same weights, and the run stays put.
	await expect(batchLoss).toHaveAttribute('data-batch', '2');
	await expect(label).toContainText('batch 2 (2 of 235 in epoch 1)');
	expect(num(await batchLoss.textContent())).not.toBe(first);
	expect(num(await batchLoss.textContent())).toBeGreaterThan(5);
	await expect(page.getByTestId('run-summary')).toContainText('0 batches trained');

	await screenshots(page, 'lesson-loss', () =>
		expect(page.getByTestId('loss-curve-main')).toBeVisible()
	);

	// Step 3 with std 0.01, then back here: the loss is close to ln 10, an honest "I don't know".
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.getByTestId('rail-init').click();
	await page.getByTestId('init-std').selectOption('0.01');
	await page.getByTestId('run-action').click();
	await expect(page.getByTestId('run-summary')).toContainText('std 0.01');
	await page.getByTestId('rail-loss').click();
	await expect(label).toContainText('batch 1 (1 of 235 in epoch 1)');
	await expect.poll(async () => num(await batchLoss.textContent())).toBeLessThan(2.4);
	expect(num(await batchLoss.textContent())).toBeGreaterThan(2.2);
	expect(errors).toEqual([]);
});
