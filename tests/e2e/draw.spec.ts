import { expect, test, type Page } from '@playwright/test';
import { collectErrors, DESKTOP, PHONE, SCREENSHOT_DIR, shoot } from './helpers';

/** Points of a digit in pad fractions (0..1 across and down), one array per stroke. */
type Shape = { x: number; y: number }[][];

// Few points a stroke: the pad joins them with straight segments, and each mouse move costs the
// test a frame (about 35 ms here).
function line(ax: number, ay: number, bx: number, by: number, steps = 3) {
	return Array.from({ length: steps + 1 }, (_, i) => ({
		x: ax + ((bx - ax) * i) / steps,
		y: ay + ((by - ay) * i) / steps
	}));
}

function ellipse(cx: number, cy: number, rx: number, ry: number, steps = 24) {
	// Starts at the top and goes round anticlockwise, as people write a 0; overlaps the start.
	return Array.from({ length: steps + 3 }, (_, i) => {
		const a = -Math.PI / 2 - (2 * Math.PI * i) / steps;
		return { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
	});
}

/** An arc of an ellipse from angle a0 to a1 (degrees; y points down, so 90 is the bottom). */
function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, steps = 10) {
	return Array.from({ length: steps + 1 }, (_, i) => {
		const a = ((a0 + ((a1 - a0) * i) / steps) * Math.PI) / 180;
		return { x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
	});
}

/** Digits at different places and sizes on the pad. */
const DIGITS: { name: string; digit: number; shape: Shape }[] = [
	{ name: 'a tall 1 on the left', digit: 1, shape: [line(0.3, 0.12, 0.27, 0.88)] },
	{ name: 'a small 0 at the bottom right', digit: 0, shape: [ellipse(0.66, 0.64, 0.17, 0.25)] },
	{
		name: 'a large 7',
		digit: 7,
		shape: [[...line(0.15, 0.15, 0.82, 0.15), ...line(0.82, 0.15, 0.42, 0.9).slice(1)]]
	},
	{ name: 'a small 1 at the top right', digit: 1, shape: [line(0.8, 0.08, 0.76, 0.45)] },
	{ name: 'a wide 0 in the middle', digit: 0, shape: [ellipse(0.5, 0.5, 0.32, 0.38)] },
	{
		name: 'a 2 in one stroke',
		digit: 2,
		shape: [
			[
				...arc(0.5, 0.32, 0.22, 0.18, 200, 380),
				...line(0.71, 0.38, 0.25, 0.85),
				...line(0.25, 0.85, 0.78, 0.85)
			]
		]
	},
	{
		name: 'a 3 of two bows',
		digit: 3,
		shape: [[...arc(0.48, 0.3, 0.22, 0.17, 210, 450), ...arc(0.48, 0.67, 0.25, 0.2, 270, 500)]]
	},
	{
		name: 'a 4 in two strokes',
		digit: 4,
		shape: [[...line(0.55, 0.1, 0.2, 0.6), ...line(0.2, 0.6, 0.8, 0.6)], line(0.62, 0.3, 0.62, 0.9)]
	},
	{
		name: 'a 6',
		digit: 6,
		shape: [[...arc(0.62, 0.45, 0.3, 0.35, 250, 180), ...arc(0.5, 0.68, 0.2, 0.18, 180, 540)]]
	}
];

async function padBox(page: Page) {
	const box = await page.getByTestId('draw-pad').boundingBox();
	if (!box) throw new Error('the pad is not visible');
	return box;
}

async function drawWithMouse(page: Page, shape: Shape) {
	const box = await padBox(page);
	for (const stroke of shape) {
		const at = (p: { x: number; y: number }) =>
			[box.x + p.x * box.width, box.y + p.y * box.height] as const;
		await page.mouse.move(...at(stroke[0]));
		await page.mouse.down();
		for (const p of stroke.slice(1)) await page.mouse.move(...at(p));
		await page.mouse.up();
	}
}

async function drawWithTouch(page: Page, shape: Shape) {
	const box = await padBox(page);
	const cdp = await page.context().newCDPSession(page);
	for (const stroke of shape) {
		const points = stroke.map((p) => ({
			x: box.x + p.x * box.width,
			y: box.y + p.y * box.height
		}));
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]] });
		for (const p of points.slice(1)) {
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
		}
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	}
	await cdp.detach();
}

/** The answer for the finished drawing (not for a half-drawn one on its way). */
async function answer(page: Page): Promise<number> {
	const panel = page.getByTestId('draw-panel');
	const drawn = await panel.getAttribute('data-drawn');
	await expect(page.getByTestId('draw-answer')).toHaveAttribute('data-answered', drawn!);
	return Number(await page.getByTestId('draw-answer').getAttribute('data-digit'));
}

async function clear(page: Page) {
	await page.getByTestId('draw-clear').click();
	await expect(page.getByTestId('draw-prompt')).toHaveText(/draw a digit/i);
	await expect(page.getByTestId('draw-answer')).toHaveCount(0);
	await expect(page.getByTestId('draw-pad')).toHaveAttribute('data-strokes', '0');
}

async function shot(page: Page, name: string) {
	await shoot(page, { path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

test.use({ hasTouch: true });

test('quick training, then mouse and touch digits anywhere on the pad are read right', async ({
	page
}) => {
	test.setTimeout(240_000);
	const errors = collectErrors(page);
	// A dev server's HMR socket is silenced, so an edit elsewhere cannot reload the page.
	await page.routeWebSocket(/\/\?token=/, () => {});
	await page.goto('/draw');
	await expect(page.getByTestId('draw-prompt')).toHaveText(/draw a digit/i);
	await expect(page.getByTestId('draw-empty')).toBeVisible();

	// No model yet: drawing shows the preprocessing but no answer, and quick training is offered.
	const quick = page.getByTestId('draw-quick-train');
	await expect(quick).toBeEnabled({ timeout: 90_000 });
	await drawWithMouse(page, DIGITS[0].shape);
	await expect(page.getByTestId('draw-stages')).toBeVisible();
	await expect(page.getByTestId('draw-answer')).toHaveCount(0);
	await quick.click();
	await expect(page.getByTestId('draw-quick-progress')).toBeVisible();
	const about = page.getByTestId('draw-model-about');
	await expect(about).toContainText(/net \(30 hidden units\), 2 epochs, \d+\.\d% on the test set/, {
		timeout: 180_000
	});
	const accuracy = Number(/(\d+\.\d)%/.exec((await about.textContent()) ?? '')![1]);
	console.log(`quick training: ${await about.textContent()}`);
	expect(accuracy).toBeGreaterThan(90);
	await clear(page);

	for (const { name, digit, shape } of DIGITS) {
		await drawWithMouse(page, shape);
		expect(await answer(page), `mouse: ${name}`).toBe(digit);
		if (digit === 7) {
			await expect(page.getByTestId('draw-explain')).toBeVisible();
			await expect(page.locator('[data-testid^="draw-unit-"]').first()).toBeVisible();
			await shot(page, 'draw-7-desktop');
		}
		await clear(page);
	}

	// Undo removes the last stroke: a 7's two strokes, then one, then none.
	await drawWithMouse(page, [line(0.2, 0.2, 0.8, 0.2), line(0.8, 0.2, 0.45, 0.9)]);
	await expect(page.getByTestId('draw-pad')).toHaveAttribute('data-strokes', '2');
	await page.getByTestId('draw-undo').click();
	await expect(page.getByTestId('draw-pad')).toHaveAttribute('data-strokes', '1');
	await clear(page);

	// Keyboard users load a real test digit instead of drawing.
	await page.getByTestId('draw-example-3').focus();
	await page.keyboard.press('Enter');
	expect(await answer(page)).toBe(3);
	await clear(page);

	// A phone: touch strokes draw, and the page does not scroll while they do.
	await page.setViewportSize(PHONE);
	// The pad in the middle of the screen, so a finger dragged down it would scroll the page up
	// by as far as it moved (~230 px) if the pad let touches pan.
	await page.getByTestId('draw-pad').evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const scrolled = await page.evaluate(() => window.scrollY);
	expect(scrolled).toBeGreaterThan(100);
	for (const { name, digit, shape } of DIGITS.slice(0, 3)) {
		await drawWithTouch(page, shape);
		expect(await answer(page), `touch: ${name}`).toBe(digit);
		// (A few pixels of scroll anchoring as the answer below changes height are not a pan.)
		expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(20);
		if (digit === 0) {
			await expect
				.poll(() =>
					page.evaluate(
						() => document.documentElement.scrollWidth - document.documentElement.clientWidth
					)
				)
				.toBeLessThanOrEqual(0);
			await shot(page, 'draw-0-phone');
		}
		await clear(page);
	}
	await page.setViewportSize(DESKTOP);
	expect(errors).toEqual([]);
});

test('a linear learner trained on the playground reads on /draw, explained by contribution maps', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.routeWebSocket(/\/\?token=/, () => {});
	await page.goto('/playground?model=linear&std=0.01&epochs=2&order=shuffled&subset=6000&batch=64');
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({
		timeout: 60_000
	});
	await page.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(page.getByTestId('epoch')).toHaveText('2', { timeout: 90_000 });
	await expect(page.getByTestId('run-status')).toHaveText('idle');
	const playgroundAccuracy = Number(await page.getByTestId('valid-accuracy').textContent());
	// Client-side navigation keeps the root layout, and with it the shelf.
	await page.getByRole('link', { name: 'Draw', exact: true }).click();
	await expect(page).toHaveURL(/\/draw$/);
	const about = page.getByTestId('draw-model-about');
	await expect(about).toContainText('linear learner, 2 epochs', { timeout: 60_000 });
	await expect(about).toContainText('trained on the playground');
	const shown = Number(/(\d+\.\d)% on the test set/.exec((await about.textContent()) ?? '')![1]);
	expect(Math.abs(shown - playgroundAccuracy * 100)).toBeLessThanOrEqual(0.06);
	await expect(page.getByTestId('draw-quick-train')).toHaveCount(0);
	await page.getByTestId('draw-example-0').click();
	expect(await answer(page)).toBe(0);
	// x * W[:, c] for the three likeliest classes, the answer first.
	const maps = page.locator('[data-testid^="draw-contribution-"]');
	await expect(maps).toHaveCount(3);
	await expect(maps.first()).toHaveAttribute('data-testid', 'draw-contribution-0');
	await expect(maps.first()).toHaveAttribute('aria-label', /class 0: pixels add up to/);
	await shot(page, 'draw-shelf-desktop');
});

test("the lesson's conclusion has the pad, reading with the lesson's run", async ({ page }) => {
	await page.routeWebSocket(/\/\?token=/, () => {});
	await page.goto('/lesson/conclusion');
	const panel = page.getByTestId('draw-panel');
	await expect(panel.getByTestId('draw-prompt')).toHaveText(/draw a digit/i);
	// The lesson's run is the notebook's linear learner, not trained yet: no guessing, an offer instead.
	await expect(panel.getByTestId('draw-quick-train')).toBeEnabled({ timeout: 90_000 });
	await panel.getByTestId('draw-example-4').click();
	await expect(panel.getByTestId('draw-stages')).toBeVisible();
	await expect(panel.getByTestId('draw-answer')).toHaveCount(0);
	await panel.scrollIntoViewIfNeeded();
	await shot(page, 'draw-lesson-desktop');
	await page.setViewportSize(PHONE);
	await expect
		.poll(() =>
			page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			)
		)
		.toBeLessThanOrEqual(0);
	await shot(page, 'draw-lesson-phone');
});

test('with two runs on the playground, a picker chooses which one reads the drawing', async ({
	page
}) => {
	const errors = collectErrors(page);
	await page.routeWebSocket(/\/\?token=/, () => {});
	await page.goto('/playground?model=linear&epochs=1');
	await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({
		timeout: 60_000
	});
	const panel = page.getByTestId('draw-panel');
	await expect(panel.getByRole('radiogroup')).toHaveCount(0);
	await page.getByRole('button', { name: 'Sequential vs shuffled' }).click();
	const picker = panel.getByRole('radiogroup', { name: 'Which model reads the drawing' });
	await expect(picker.getByRole('radio')).toHaveCount(2);
	await expect(picker.getByRole('radio').first()).toBeChecked();
	await picker.getByRole('radio').nth(1).check();
	await expect(picker.getByRole('radio').nth(1)).toBeChecked();
	// Run B is untrained too: its pad shows the preprocessing and offers training, no guess.
	await expect(panel.getByTestId('draw-quick-train')).toBeEnabled({ timeout: 60_000 });
	await panel.getByTestId('draw-example-5').click();
	await expect(panel.getByTestId('draw-stages')).toBeVisible();
	await expect(panel.getByTestId('draw-answer')).toHaveCount(0);
	expect(errors).toEqual([]);
});
