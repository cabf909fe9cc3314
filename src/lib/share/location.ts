/** Reads a page's own URL as a share link: the query's settings and the fragment's model text. */
import { parseShareLink, type Place, type ShareLink } from './link';
import { modelFromFragment } from './modelPack';

export interface OpenedLink {
	link: ShareLink;
	/** The `#model=` text, still packed (unpackModel checks it against the recipe). */
	model: string | null;
	messages: string[];
}

/** Never throws; the fragment's size is checked before anything else reads it. */
export function readShareLocation(search: string, hash: string, place: Place): OpenedLink {
	const fragment = modelFromFragment(hash);
	const parsed = parseShareLink(new URLSearchParams(search), place);
	return {
		link: parsed.value,
		model: fragment.value,
		messages: [...parsed.messages, ...fragment.messages]
	};
}
