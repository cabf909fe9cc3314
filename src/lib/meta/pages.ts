/**
 * Each page's title, description and link-preview card, in one place: the pages render them
 * with <PageMeta>, and scripts/og draws every card listed by `allCards(lesson)` before the build.
 * The lesson's own words (step titles, summaries) come from its record, passed in by the caller:
 * src/lib never imports the lesson's content.
 */
import { SITE_NAME, type CardSpec, type CardStrip, type PageMetaSpec } from './tags';

/** The longest description we write; search results cut longer ones mid-sentence. */
export const MAX_DESCRIPTION = 160;

/** What the meta needs of a lesson step (a structural type, so the lesson's record can grow). */
export interface StepLike {
	slug: string;
	number: number;
	title: string;
	summary: string;
	preview?: CardStrip;
}

/** What the meta needs of a lesson: its title and its steps in order. */
export interface LessonLike {
	title: string;
	steps: readonly StepLike[];
}

const WEIGHTS_ALT =
	'The ten 28×28 weight maps of a linear learner, one per digit: blue where ink raises the digit’s score, red where it lowers it';
const DIGITS_ALT = 'One handwritten MNIST digit of each kind, 0 to 9, 28×28 pixels each';
const NOISE_ALT =
	'Ten 28×28 maps of random starting weights, one per digit, before any training: noise';

const ALT: Record<CardStrip, string> = {
	weights: WEIGHTS_ALT,
	digits: DIGITS_ALT,
	noise: NOISE_ALT
};

function card(file: string, kicker: string, heading: string, strip: CardStrip): CardSpec {
	return { file: `og/${file}.png`, kicker, heading, strip, alt: `${ALT[strip]}.` };
}

export const HOME_META: PageMetaSpec = {
	title: `${SITE_NAME}: watch a model learn to read digits`,
	shareTitle: 'Digit Lab: watch a model learn to read handwritten digits',
	description:
		'A live, visual lesson: a manual linear learner, then a small neural net, on handwritten digits (MNIST), trained in your browser.',
	card: card(
		'digit-lab',
		'A live lesson in your browser',
		'Watch a model learn to read handwritten digits',
		'weights'
	)
};

export function lessonMeta(lesson: LessonLike): PageMetaSpec {
	const count = lesson.steps.length;
	return {
		title: `The lesson · ${SITE_NAME}`,
		shareTitle: lesson.title,
		description: `${count} live steps from raw MNIST pixels to a trained linear learner and a small neural net, each one running in your browser.`,
		card: card('lesson', `The lesson · ${count} steps`, lesson.title, 'weights')
	};
}

export const PLAYGROUND_META: PageMetaSpec = {
	title: `Playground · ${SITE_NAME}`,
	shareTitle: 'Digit Lab playground: train a model on MNIST in your browser',
	description:
		'Train a linear learner or a small neural net on MNIST in your browser, watch its weights, compare two runs and share the result.',
	card: card('playground', 'Playground', 'Train a model on MNIST and watch it learn', 'weights')
};

export const DRAW_META: PageMetaSpec = {
	title: `Draw a digit · ${SITE_NAME}`,
	shareTitle: 'Draw a digit and watch a model read it',
	description:
		'Draw a digit and watch a model you trained read it, with MNIST’s own preprocessing shown step by step.',
	card: card('draw', 'Draw a digit', 'Draw a digit and watch a model read it', 'digits')
};

export const BENCH_META: PageMetaSpec = {
	title: `Benchmark · ${SITE_NAME}`,
	shareTitle: 'Digit Lab benchmark',
	description: 'Training speed of Digit Lab’s engine on each backend, measured by npm run bench.',
	card: HOME_META.card,
	noindex: true
};

export function stepMeta(step: StepLike, total: number): PageMetaSpec {
	return {
		title: `${step.number}. ${step.title} · ${SITE_NAME}`,
		shareTitle: `${step.title} · Digit Lab lesson, step ${step.number} of ${total}`,
		description: step.summary,
		card: card(
			`lesson-${step.slug}`,
			`Lesson · step ${step.number} of ${total}`,
			step.title,
			step.preview ?? 'weights'
		),
		type: 'article'
	};
}

/** Every page that is meant to be found, with its meta: what the e2e test and the audit check. */
export function allPages(lesson: LessonLike): { path: string; meta: PageMetaSpec }[] {
	return [
		{ path: '/', meta: HOME_META },
		{ path: '/lesson', meta: lessonMeta(lesson) },
		...lesson.steps.map((step) => ({
			path: `/lesson/${step.slug}`,
			meta: stepMeta(step, lesson.steps.length)
		})),
		{ path: '/playground', meta: PLAYGROUND_META },
		{ path: '/draw', meta: DRAW_META }
	];
}

/** Every card the site refers to, once each: what scripts/og draws. */
export function allCards(lesson: LessonLike): CardSpec[] {
	const byFile = new Map(allPages(lesson).map(({ meta }) => [meta.card.file, meta.card]));
	return [...byFile.values()];
}
