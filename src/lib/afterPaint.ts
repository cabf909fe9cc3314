/** Longest wait for a frame: a page opened in a background tab gets no frames until shown. */
export const FRAME_WAIT_LIMIT_MS = 100;

/**
 * Resolves once the browser has painted the next frame: requestAnimationFrame runs just before
 * a paint, and a task queued from it runs after that paint. Resolves after FRAME_WAIT_LIMIT_MS
 * anyway, so a hidden page never waits for a frame that will not come.
 */
export function afterNextPaint(
	frame: (callback: () => void) => unknown = requestAnimationFrame,
	later: (callback: () => void, ms: number) => unknown = setTimeout
): Promise<void> {
	return new Promise((resolve) => {
		frame(() => later(resolve, 0));
		later(resolve, FRAME_WAIT_LIMIT_MS);
	});
}
