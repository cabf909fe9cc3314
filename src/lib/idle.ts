export type Idle = () => Promise<void>;

/**
 * Resolves when the main thread is next idle (within a second at most), or on the next task
 * where the browser has no requestIdleCallback (Safari): for work that can wait for a quiet
 * moment but must not wait for good.
 */
export const whenIdle: Idle = () =>
	new Promise((resolve) => {
		if (typeof requestIdleCallback === 'function')
			requestIdleCallback(() => resolve(), { timeout: 1000 });
		else setTimeout(resolve, 0);
	});
