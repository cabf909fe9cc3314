// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface PageData {
			/** The id the skip link goes to on this page, and its words (the page's <main> when not given). */
			skip?: { target: string; label: string };
		}
	}
}

export {};
