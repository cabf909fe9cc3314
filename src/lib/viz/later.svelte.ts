/**
 * A chart or heatmap mounted after the page has started draws its contents one task after its
 * frame. Data arriving in a lesson step (the digits, a prediction) mounts several charts at
 * once, and drawing all of them in the task that brought the data made one long task: 263 ms
 * at 4x CPU slowdown on step 5, during which a click or a key waits. One task each keeps every
 * task short. The frame (its box and size) is there at once, so nothing moves when the contents
 * arrive.
 *
 * During hydration everything draws at once: the prerendered HTML already holds those charts,
 * and hydration must find what the server wrote. The root layout calls `appStarted` when the
 * page has hydrated; only what mounts after that waits.
 */
let started = false;

/** Called once by the root layout after hydration: from now on, new charts draw a task later. */
export function appStarted(): void {
	started = true;
}

/** Whether to draw yet: true at once before the app started, else one task after creation. */
export class DrawLater {
	ready = $state(!started);

	/** Call during a component's initialisation (it registers an effect). */
	constructor() {
		if (this.ready) return;
		$effect(() => {
			const timer = setTimeout(() => (this.ready = true), 0);
			return () => clearTimeout(timer);
		});
	}
}
