import { describe, expect, it } from 'vitest';
import {
	allCards,
	allPages,
	BENCH_META,
	HOME_META,
	MAX_DESCRIPTION,
	stepMeta
} from '$lib/meta/pages';
import { assetUrl, metaTags, pageUrl, siteOrigin, type MetaTag } from '$lib/meta/tags';
import lesson from '$content/lessons/01-mnist/lesson';

const STEPS = lesson.steps;

const get = (tags: MetaTag[], key: string) => tags.find((t) => t.key === key)?.content;

describe('metaTags', () => {
	const tags = metaTags(
		stepMeta(STEPS[4], STEPS.length),
		'https://example.org/lab/lesson/loss',
		'https://example.org/lab/og/lesson-loss.png'
	);

	it('gives a description, Open Graph and a large Twitter card with absolute addresses', () => {
		expect(get(tags, 'description')).toBe(stepMeta(STEPS[4], STEPS.length).description);
		expect(get(tags, 'og:title')).toContain(STEPS[4].title);
		expect(get(tags, 'og:type')).toBe('article');
		expect(get(tags, 'og:url')).toBe('https://example.org/lab/lesson/loss');
		expect(get(tags, 'og:image')).toBe('https://example.org/lab/og/lesson-loss.png');
		expect(get(tags, 'og:image:width')).toBe('1200');
		expect(get(tags, 'og:image:height')).toBe('630');
		expect(get(tags, 'og:image:alt')).toMatch(/28×28/);
		expect(get(tags, 'twitter:card')).toBe('summary_large_image');
		expect(get(tags, 'twitter:image')).toBe(get(tags, 'og:image'));
	});

	it('uses "property" for Open Graph and "name" for the rest, each key once', () => {
		for (const tag of tags) {
			expect(tag.attribute).toBe(tag.key.startsWith('og:') ? 'property' : 'name');
		}
		expect(new Set(tags.map((t) => t.key)).size).toBe(tags.length);
		expect(get(tags, 'robots')).toBeUndefined();
	});

	it('asks search engines to skip a noindex page', () => {
		const bench = metaTags(
			BENCH_META,
			'http://localhost:4173/bench',
			'http://localhost:4173/og/x.png'
		);
		expect(get(bench, 'robots')).toBe('noindex, nofollow');
	});

	it('refuses relative addresses (card crawlers do not resolve them)', () => {
		expect(() => metaTags(HOME_META, '/lesson/loss', 'https://a.org/x.png')).toThrow(/absolute/);
		expect(() => metaTags(HOME_META, 'https://a.org/', '../og/x.png')).toThrow(/absolute/);
	});
});

describe('addresses', () => {
	it('takes the origin from PUBLIC_SITE_URL, else the fallback', () => {
		expect(siteOrigin(undefined, 'http://localhost:4173')).toBe('http://localhost:4173');
		expect(siteOrigin('  ', 'http://localhost:4173')).toBe('http://localhost:4173');
		expect(siteOrigin('https://digits.example.org/', 'x')).toBe('https://digits.example.org');
		// The path comes from the base path, not from here.
		expect(siteOrigin('https://example.org/lab', 'x')).toBe('https://example.org');
		expect(() => siteOrigin('example.org', 'x')).toThrow(/PUBLIC_SITE_URL/);
		expect(() => siteOrigin('ftp://example.org', 'x')).toThrow(/PUBLIC_SITE_URL/);
	});

	it('builds the page address from the served path (base path included)', () => {
		expect(pageUrl('https://example.org', '/lab/lesson/loss')).toBe(
			'https://example.org/lab/lesson/loss'
		);
		expect(pageUrl('http://localhost:4173', '/')).toBe('http://localhost:4173/');
	});

	it('resolves asset() paths: relative while prerendering, absolute in the browser', () => {
		const page = 'https://example.org/lab/lesson/loss';
		expect(assetUrl('../og/lesson-loss.png', page)).toBe(
			'https://example.org/lab/og/lesson-loss.png'
		);
		expect(assetUrl('/lab/og/lesson-loss.png', page)).toBe(
			'https://example.org/lab/og/lesson-loss.png'
		);
		expect(assetUrl('./og/digit-lab.png', 'https://example.org/lab/')).toBe(
			'https://example.org/lab/og/digit-lab.png'
		);
	});
});

describe('the pages’ meta', () => {
	const pages = allPages(lesson);

	it('lists the home page, the lesson, every step, the playground and /draw', () => {
		expect(pages.map((p) => p.path)).toEqual([
			'/',
			'/lesson',
			...STEPS.map((s) => `/lesson/${s.slug}`),
			'/playground',
			'/draw'
		]);
	});

	it('gives every page a title, description and card of its own', () => {
		for (const key of ['title', 'description', 'shareTitle'] as const) {
			const values = pages.map((p) => p.meta[key]);
			expect(new Set(values).size).toBe(values.length);
		}
		const files = pages.map((p) => p.meta.card.file);
		expect(new Set(files).size).toBe(files.length);
		for (const { meta } of pages) {
			expect(meta.description.length).toBeGreaterThan(50);
			expect(meta.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
			expect(meta.title).toMatch(/Digit Lab/);
			expect(meta.card.file).toMatch(/^og\/[a-z0-9-]+\.png$/);
		}
	});

	it('names each step on its card and in its title', () => {
		for (const step of STEPS) {
			const meta = stepMeta(step, STEPS.length);
			expect(meta.card.heading).toBe(step.title);
			expect(meta.card.kicker).toBe(`Lesson · step ${step.number} of ${STEPS.length}`);
			expect(meta.title).toBe(`${step.number}. ${step.title} · Digit Lab`);
			expect(meta.card.file).toBe(`og/lesson-${step.slug}.png`);
		}
	});

	it('has one card per file for the image generator', () => {
		expect(allCards(lesson).map((c) => c.file)).toEqual(pages.map((p) => p.meta.card.file));
	});
});

describe('step descriptions', () => {
	it('gives every step a summary of its own, short enough for search results', () => {
		for (const step of STEPS) {
			expect(step.summary.length).toBeGreaterThan(50);
			expect(step.summary.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
		}
	});
});
