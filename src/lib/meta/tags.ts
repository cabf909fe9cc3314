/**
 * What a page says about itself to search engines and to link previews (Open Graph, Twitter
 * cards): pure, so the tags are built the same way in node tests, at prerender and in the browser.
 */

export const SITE_NAME = 'Digit Lab';

/** The link-preview picture: 1200 x 630 PNG, drawn at build time by scripts/og (`npm run og`). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** What the card shows under its title: trained weight maps, real digits or random weights. */
export type CardStrip = 'weights' | 'digits' | 'noise';

export interface CardSpec {
	/** Where the image lives under static/ (and so under the site's root): og/lesson-loss.png */
	file: string;
	/** The small line above the title: "Lesson · step 5 of 13". */
	kicker: string;
	/** The title drawn large on the card. */
	heading: string;
	strip: CardStrip;
	/** Describes the picture for people who cannot see it (og:image:alt). */
	alt: string;
}

export interface PageMetaSpec {
	/** The whole <title>, e.g. "5. Calculate the loss · Digit Lab". */
	title: string;
	/** The title a link preview shows (og:title): no site name, it has its own tag. */
	shareTitle: string;
	/** One or two sentences, under about 160 characters (search results cut the rest). */
	description: string;
	card: CardSpec;
	/** Open Graph type: "article" for a lesson step, "website" for the rest. */
	type?: 'website' | 'article';
	/** Pages not meant to be found (the benchmark) ask search engines to stay away. */
	noindex?: boolean;
}

export interface MetaTag {
	/** `name` for ordinary and Twitter tags, `property` for Open Graph (as its spec says). */
	attribute: 'name' | 'property';
	key: string;
	content: string;
}

/**
 * Every <meta> tag of a page but its <title>. `pageUrl` and `imageUrl` must be absolute: card
 * crawlers do not resolve relative addresses.
 */
export function metaTags(spec: PageMetaSpec, pageUrl: string, imageUrl: string): MetaTag[] {
	for (const url of [pageUrl, imageUrl]) {
		if (!/^https?:\/\//.test(url)) throw new Error(`not an absolute http(s) URL: ${url}`);
	}
	const name = (key: string, content: string): MetaTag => ({ attribute: 'name', key, content });
	const property = (key: string, content: string): MetaTag => ({
		attribute: 'property',
		key,
		content
	});
	const tags: MetaTag[] = [name('description', spec.description)];
	if (spec.noindex) tags.push(name('robots', 'noindex, nofollow'));
	tags.push(
		property('og:site_name', SITE_NAME),
		property('og:type', spec.type ?? 'website'),
		property('og:title', spec.shareTitle),
		property('og:description', spec.description),
		property('og:url', pageUrl),
		property('og:image', imageUrl),
		property('og:image:type', 'image/png'),
		property('og:image:width', String(CARD_WIDTH)),
		property('og:image:height', String(CARD_HEIGHT)),
		property('og:image:alt', spec.card.alt),
		property('og:locale', 'en_GB'),
		name('twitter:card', 'summary_large_image'),
		name('twitter:title', spec.shareTitle),
		name('twitter:description', spec.description),
		name('twitter:image', imageUrl),
		name('twitter:image:alt', spec.card.alt)
	);
	return tags;
}

/**
 * The site's public origin: PUBLIC_SITE_URL at build time (scheme and host; any path in it is
 * ignored, the sub-path comes from the base path), else `fallback`.
 */
export function siteOrigin(configured: string | undefined, fallback: string): string {
	const value = configured?.trim();
	if (!value) return fallback;
	try {
		const url = new URL(value);
		if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
	} catch {
		// fall through to the error below
	}
	throw new Error(
		`PUBLIC_SITE_URL must be an http(s) address such as https://example.org, got "${value}"`
	);
}

/**
 * The page's absolute address: the site origin, then the path the page is served at (which
 * holds the base path). Query and fragment are left out: a card describes the page, not a run.
 */
export function pageUrl(origin: string, pathname: string): string {
	return new URL(pathname, origin).href;
}

/**
 * An asset's absolute address. `assetPath` is what SvelteKit's `asset()` returns: relative to
 * the page while prerendering ("../og/x.png"), absolute with the base path in the browser
 * ("/base/og/x.png"); both resolve against the page's absolute address.
 */
export function assetUrl(assetPath: string, absolutePageUrl: string): string {
	return new URL(assetPath, absolutePageUrl).href;
}
