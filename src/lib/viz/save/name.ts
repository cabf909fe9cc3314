/**
 * File names for saved pictures, so a folder of slides' images says what each one is:
 * "digit-lab-weights-step-8.png", "digit-lab-loss-against-epoch-playground.svg".
 */

/** At most this many words of a title go into a file name. */
const MAX_WORDS = 6;

/** "W[:, c], the 784 weights" -> "w-c-the-784-weights": lower case, ASCII, words joined by "-". */
export function slugify(text: string, maxWords = MAX_WORDS): string {
	const words = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	return words.slice(0, maxWords).join('-');
}

/** Where a picture was saved from, read off the page's path: "/lesson/train" -> "train". */
export function placeFromPath(pathname: string): string {
	const segments = pathname.split('/').filter(Boolean);
	return slugify(segments.at(-1) ?? '') || 'home';
}

/** "digit-lab-<what>-<where>.<ext>"; empty parts are left out. */
export function imageFileName(what: string, place: string, ext: 'png' | 'svg'): string {
	const parts = ['digit-lab', slugify(what), slugify(place)].filter(Boolean);
	return `${parts.join('-')}.${ext}`;
}
