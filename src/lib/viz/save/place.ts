/**
 * Where on the site a picture is saved from, for its file name. A page can say it in its own
 * words ("step-8") with providePlace; otherwise the last part of the URL's path is used.
 */
import { getContext, setContext } from 'svelte';
import { placeFromPath } from './name';

const KEY = Symbol('save-place');

/** Call during a page component's setup; `place` is read when a picture is saved. */
export function providePlace(place: () => string): void {
	setContext(KEY, place);
}

/** Call during a component's setup; returns a function that names the place at save time. */
export function usePlace(): () => string {
	const provided = getContext<(() => string) | undefined>(KEY);
	return () => provided?.() ?? placeFromPath(location.pathname);
}
