/**
 * Share links, version 1: `/playground?v=1&model=mlp&lr=0.05&done=2&sum=1a2b3c4d`.
 * The path says where the learner is (playground, draw, or a lesson step); the query carries the
 * run recipe, the backend when it was forced, the training progress to replay to, the timeline
 * moment shown, a checksum of the sender's weights and a teacher's options. Trained weights, when
 * shared, travel in the fragment (`#model=...`, see modelPack.ts), which browsers never send to a
 * server. Links without `v` are the playground's older recipe-only URLs and keep working.
 *
 * Parsing is pure and never throws: every broken or hostile value falls back to its default (or
 * is clamped) with one sentence naming what was ignored, so the page can say so.
 */
import { TRAIN_COUNT } from '../data/mnistFiles';
import type { BackendPreference, RunConfig } from '../engine/config';
import { CHECKSUM_PATTERN } from './checksum';
import { BACKEND_FIELD, MAX_EPOCHS, parsePageQuery, RUN_CONFIG_SCHEMA } from './runConfig';
import {
	defaults,
	parseWith,
	quote,
	schemaKeys,
	serialiseWith,
	type FieldSpec,
	type Parsed
} from './schema';

export const LINK_VERSION = 1;

export type Place = { page: 'playground' } | { page: 'draw' } | { page: 'lesson'; step: string };

export interface Progress {
	epochsDone: number;
	/** Batches trained into the epoch after the finished ones. */
	batchesDone: number;
}

export interface TeacherOptions {
	/** Keys of the controls to hide (recipe keys, "presets", or "questions" on a lesson step). */
	hide: string[];
	/** Keep the recipient on the link's lesson step. */
	lock: boolean;
}

export interface ShareLink {
	place: Place;
	config: RunConfig;
	backend: BackendPreference;
	progress: Progress;
	/** The history step (batches trained) the sender's timeline showed; null = following live. */
	timelineStep: number | null;
	/** weightsChecksum() of the sender's weights at `progress`; null when not given. */
	checksum: string | null;
	teacher: TeacherOptions;
}

/** What only a lesson step has to hide: its predict-then-reveal questions. */
export const LESSON_ONLY_HIDEABLE: readonly string[] = ['questions'];

/** Controls a teacher may hide: the recipe's fields, the preset buttons and a lesson's questions. */
export const HIDEABLE_KEYS: readonly string[] = [
	...schemaKeys(RUN_CONFIG_SCHEMA),
	'presets',
	...LESSON_ONLY_HIDEABLE
];

/** The longest run: every epoch in batches of one digit. */
const MAX_STEPS = MAX_EPOCHS * TRAIN_COUNT;

interface ExtraFields {
	epochsDone: number;
	batchesDone: number;
	at: number;
	lock: '0' | '1';
}

/** The link's own fields besides the recipe and backend (exported for the bounds tests). */
export const EXTRA_SCHEMA: { [K in keyof ExtraFields]: FieldSpec<ExtraFields[K]> } = {
	epochsDone: {
		kind: 'number',
		key: 'done',
		label: 'epochs done',
		default: 0,
		min: 0,
		max: MAX_EPOCHS,
		integer: true
	},
	batchesDone: {
		kind: 'number',
		key: 'part',
		label: 'batches into the next epoch',
		default: 0,
		min: 0,
		max: TRAIN_COUNT,
		integer: true
	},
	at: {
		kind: 'number',
		key: 'at',
		label: 'timeline moment',
		default: -1,
		min: -1,
		max: MAX_STEPS,
		integer: true
	},
	lock: { kind: 'enum', key: 'lock', label: 'step lock', values: ['0', '1'], default: '0' }
};

const TEXT_KEYS = ['v', 'sum', 'hide'];
const KNOWN_KEYS = new Set([
	...TEXT_KEYS,
	...schemaKeys(RUN_CONFIG_SCHEMA),
	...schemaKeys(BACKEND_FIELD),
	...schemaKeys(EXTRA_SCHEMA)
]);

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function defaultLink(place: Place = { page: 'playground' }): ShareLink {
	return {
		place,
		config: defaults(RUN_CONFIG_SCHEMA),
		backend: 'auto',
		progress: { epochsDone: 0, batchesDone: 0 },
		timelineStep: null,
		checksum: null,
		teacher: { hide: [], lock: false }
	};
}

/** The page a path names, relative to the site's base path; null for any other path. */
export function placeFromPath(pathname: string, base = ''): Place | null {
	const path = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
	const parts = path.split('/').filter((p) => p !== '');
	if (parts.length === 1 && parts[0] === 'playground') return { page: 'playground' };
	if (parts.length === 1 && parts[0] === 'draw') return { page: 'draw' };
	if (parts.length === 2 && parts[0] === 'lesson' && SLUG.test(parts[1])) {
		return { page: 'lesson', step: parts[1] };
	}
	return null;
}

export function pathOf(place: Place): string {
	return place.page === 'lesson' ? `/lesson/${place.step}` : `/${place.page}`;
}

/** Batches in one epoch of this recipe (the last batch may be smaller). */
export function batchesPerEpoch(config: RunConfig): number {
	const count = config.trainSubset > 0 ? config.trainSubset : TRAIN_COUNT;
	return Math.ceil(count / config.batchSize);
}

export function stepsOf(progress: Progress, config: RunConfig): number {
	return progress.epochsDone * batchesPerEpoch(config) + progress.batchesDone;
}

/** Reads a link's query (and the place its path names). Never throws. */
export function parseShareLink(params: URLSearchParams, place: Place): Parsed<ShareLink> {
	const version = params.get('v');
	if (version === null) {
		// Version 0: the playground's own recipe-only URLs, from before share links existed.
		const old = parsePageQuery(params);
		return {
			value: { ...defaultLink(place), config: old.value.config, backend: old.value.backend },
			messages: old.messages
		};
	}
	if (version.trim() !== String(LINK_VERSION)) {
		return {
			value: defaultLink(place),
			messages: [
				`Ignored this link's settings: it is version ${quote(version)}, and this Digit Lab reads version ${LINK_VERSION} links. The page opened with its defaults.`
			]
		};
	}
	const get = (key: string) => params.get(key);
	const recipe = parseWith(RUN_CONFIG_SCHEMA, get);
	const backend = parseWith(BACKEND_FIELD, get);
	const extra = parseWith(EXTRA_SCHEMA, get);
	const messages = [...recipe.messages, ...backend.messages, ...extra.messages];
	const config = recipe.value;
	const progress = checkedProgress(extra.value, config, messages);
	const link: ShareLink = {
		place,
		config,
		backend: backend.value.backend,
		progress,
		timelineStep: checkedTimeline(extra.value.at, stepsOf(progress, config), messages),
		checksum: checkedChecksum(get('sum'), messages),
		teacher: {
			hide: checkedHide(get('hide'), place, messages),
			lock: checkedLock(extra.value.lock === '1', place, messages)
		}
	};
	const unknown = [...new Set(params.keys())].filter((k) => !KNOWN_KEYS.has(k));
	if (unknown.length > 0) {
		messages.push(
			`Ignored unknown setting${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map(quote).join(', ')}.`
		);
	}
	return { value: link, messages };
}

/** Only non-default values are written, `v=1` first. */
export function serialiseShareLink(link: ShareLink): URLSearchParams {
	const entries: [string, string][] = [['v', String(LINK_VERSION)]];
	entries.push(...serialiseWith(RUN_CONFIG_SCHEMA, link.config));
	entries.push(...serialiseWith(BACKEND_FIELD, { backend: link.backend }));
	entries.push(
		...serialiseWith(EXTRA_SCHEMA, {
			epochsDone: link.progress.epochsDone,
			batchesDone: link.progress.batchesDone,
			at: link.timelineStep ?? -1,
			lock: link.teacher.lock ? '1' : '0'
		})
	);
	if (link.checksum !== null) entries.push(['sum', link.checksum]);
	if (link.teacher.hide.length > 0) entries.push(['hide', link.teacher.hide.join(',')]);
	return new URLSearchParams(entries);
}

/** The whole link: origin + base path + the place's path + query (+ `#model=` when given). */
export function shareUrl(
	origin: string,
	base: string,
	link: ShareLink,
	modelData?: string
): string {
	const query = serialiseShareLink(link).toString();
	const fragment = modelData ? `#model=${modelData}` : '';
	return `${origin}${base}${pathOf(link.place)}?${query}${fragment}`;
}

function checkedProgress(extra: ExtraFields, config: RunConfig, messages: string[]): Progress {
	let { epochsDone, batchesDone } = extra;
	if (epochsDone > config.epochs) {
		messages.push(
			`Ignored part of done=${epochsDone}: this recipe trains ${config.epochs} epochs; replaying ${config.epochs}.`
		);
		epochsDone = config.epochs;
		batchesDone = 0;
	}
	const perEpoch = batchesPerEpoch(config);
	if (batchesDone >= perEpoch || (batchesDone > 0 && epochsDone >= config.epochs)) {
		messages.push(
			`Ignored part=${batchesDone}: an epoch of this recipe has ${perEpoch} batches; replaying whole epochs only.`
		);
		batchesDone = 0;
	}
	return { epochsDone, batchesDone };
}

function checkedTimeline(at: number, steps: number, messages: string[]): number | null {
	if (at < 0) return null;
	if (at > steps) {
		messages.push(
			`Ignored at=${at}: the run will only have ${steps} batches; showing the newest weights.`
		);
		return null;
	}
	return at;
}

function checkedChecksum(raw: string | null, messages: string[]): string | null {
	if (raw === null) return null;
	const value = raw.trim().toLowerCase();
	if (CHECKSUM_PATTERN.test(value)) return value;
	messages.push(
		`Ignored sum=${quote(raw)}: a weights checksum is 8 hex digits, so the replay will not be compared with the sender's.`
	);
	return null;
}

function checkedHide(raw: string | null, place: Place, messages: string[]): string[] {
	if (raw === null || raw.trim() === '') return [];
	const asked = raw.split(',').map((k) => k.trim());
	const kept = [...new Set(asked.filter((k) => HIDEABLE_KEYS.includes(k)))];
	const ignored = [...new Set(asked.filter((k) => !HIDEABLE_KEYS.includes(k)))];
	if (ignored.length > 0) {
		messages.push(
			`Ignored hide=${ignored.slice(0, 5).map(quote).join(', ')}: no such control to hide.`
		);
	}
	if (place.page === 'lesson') return kept;
	const lessonOnly = kept.filter((k) => LESSON_ONLY_HIDEABLE.includes(k));
	if (lessonOnly.length > 0) {
		messages.push(`Ignored hide=${lessonOnly.join(', ')}: only a lesson step asks questions.`);
	}
	return kept.filter((k) => !LESSON_ONLY_HIDEABLE.includes(k));
}

function checkedLock(lock: boolean, place: Place, messages: string[]): boolean {
	if (lock && place.page !== 'lesson') {
		messages.push('Ignored lock=1: only a lesson step can be locked.');
		return false;
	}
	return lock;
}
