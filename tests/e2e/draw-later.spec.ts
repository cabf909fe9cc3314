import { expect, test } from '@playwright/test';

/**
 * Charts and heatmaps that arrive with data draw their contents a task after their frames
 * (src/lib/viz/later.svelte.ts), so the task that brings the data stays short. Watched with a
 * MutationObserver, whose callbacks come once per batch of DOM changes: on step 5 the charts'
 * frames come in one batch and their plots in later ones, and each plot ends up drawn.
 */
test('step 5: the charts arrive as frames first, their plots a task later', async ({ page }) => {
	await page.addInitScript(() => {
		const batches: { frames: number; plots: number }[] = [];
		(window as unknown as { batches: typeof batches }).batches = batches;
		new MutationObserver((records) => {
			let frames = 0;
			let plots = 0;
			for (const record of records) {
				for (const node of record.addedNodes) {
					if (!(node instanceof Element)) continue;
					frames += node.matches('figure.chart') ? 1 : node.querySelectorAll('figure.chart').length;
					if (node.parentElement?.matches('figure.chart svg > g')) plots++;
				}
			}
			if (frames || plots) batches.push({ frames, plots });
		}).observe(document, { subtree: true, childList: true });
	});
	await page.goto('/lesson/loss');
	const bars = page.getByTestId('prob-bars');
	await expect(bars).toHaveAttribute('data-drawn', 'true', { timeout: 90_000 });
	await expect(page.locator('[data-testid^="prob-bars-bar-"]')).toHaveCount(10);
	const batches = await page.evaluate(
		() => (window as unknown as { batches: { frames: number; plots: number }[] }).batches
	);
	const firstFrames = batches.findIndex((b) => b.frames > 0);
	expect(firstFrames).toBeGreaterThanOrEqual(0);
	// The batch that brought the frames drew none of their plots.
	expect(batches[firstFrames].plots).toBe(0);
	expect(batches.slice(firstFrames + 1).some((b) => b.plots > 0)).toBe(true);
	// Every chart on the step is drawn in the end.
	const figures = page.locator('figure.chart');
	expect(await figures.count()).toBeGreaterThanOrEqual(2);
	for (const figure of await figures.all())
		await expect(figure).toHaveAttribute('data-drawn', 'true');
});
