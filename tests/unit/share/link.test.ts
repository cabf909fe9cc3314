import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import { CHECKSUM_PATTERN } from '$lib/share/checksum';
import {
	batchesPerEpoch,
	defaultLink,
	EXTRA_SCHEMA,
	HIDEABLE_KEYS,
	parseShareLink,
	placeFromPath,
	serialiseShareLink,
	shareUrl,
	stepsOf,
	type Place,
	type ShareLink
} from '$lib/share/link';
import { BACKEND_FIELD, RUN_CONFIG_SCHEMA } from '$lib/share/runConfig';
import { schemaKeys, type FieldSpec } from '$lib/share/schema';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const PLAYGROUND: Place = { page: 'playground' };
const LESSON: Place = { page: 'lesson', step: 'train' };
const parse = (query: string, place: Place = PLAYGROUND) =>
	parseShareLink(new URLSearchParams(query), place);

/** Every field away from its default, and consistent with the others. */
const FULL: ShareLink = {
	place: LESSON,
	config: {
		model: 'mlp',
		lr: 0.0375,
		batchSize: 64,
		epochs: 3,
		initStd: 0.01,
		hidden: 100,
		order: 'shuffled',
		seed: 2147483647,
		accuracy: 'notebook',
		trainSubset: 5000
	},
	backend: 'cpu',
	progress: { epochsDone: 2, batchesDone: 17 },
	timelineStep: 90,
	checksum: '0badc0de',
	teacher: { hide: ['lr', 'batch', 'presets'], lock: true }
};

/** A value is valid when the schema would accept it unchanged. */
function expectValid(link: ShareLink): void {
	for (const [name, spec] of Object.entries(RUN_CONFIG_SCHEMA) as [
		keyof RunConfig,
		FieldSpec<unknown>
	][]) {
		const value = link.config[name];
		if (spec.kind === 'enum') expect(spec.values).toContain(value);
		else {
			expect(Number.isFinite(value)).toBe(true);
			expect(value as number).toBeGreaterThanOrEqual(spec.min);
			expect(value as number).toBeLessThanOrEqual(spec.max);
			if (spec.integer) expect(Number.isInteger(value)).toBe(true);
		}
	}
	expect(BACKEND_FIELD.backend.kind === 'enum' && BACKEND_FIELD.backend.values).toContain(
		link.backend
	);
	const { epochsDone, batchesDone } = link.progress;
	expect(Number.isInteger(epochsDone) && epochsDone >= 0).toBe(true);
	expect(epochsDone).toBeLessThanOrEqual(link.config.epochs);
	expect(Number.isInteger(batchesDone) && batchesDone >= 0).toBe(true);
	expect(batchesDone).toBeLessThan(batchesPerEpoch(link.config));
	if (link.timelineStep !== null) {
		expect(link.timelineStep).toBeGreaterThanOrEqual(0);
		expect(link.timelineStep).toBeLessThanOrEqual(stepsOf(link.progress, link.config));
	}
	if (link.checksum !== null) expect(link.checksum).toMatch(CHECKSUM_PATTERN);
	for (const key of link.teacher.hide) expect(HIDEABLE_KEYS).toContain(key);
	if (link.teacher.hide.includes('questions')) expect(link.place.page).toBe('lesson');
	if (link.teacher.lock) expect(link.place.page).toBe('lesson');
}

describe('share link round trip', () => {
	it('writes v=1 first and reads every field back unchanged, without messages', () => {
		const query = serialiseShareLink(FULL);
		expect([...query.keys()][0]).toBe('v');
		expect(query.get('v')).toBe('1');
		expect(parseShareLink(new URLSearchParams(query.toString()), LESSON)).toEqual({
			value: FULL,
			messages: []
		});
	});

	it('opens an old link saying accuracy=seed as the notebook formula, and writes notebook', () => {
		const old = 'v=1&model=mlp&order=shuffled&accuracy=seed&done=2&sum=1a2b3c4d';
		const { value, messages } = parse(old);
		expect(messages).toEqual([]);
		expect(value.config.accuracy).toBe('notebook');
		expect(value.progress).toEqual({ epochsDone: 2, batchesDone: 0 });
		expect(value.checksum).toBe('1a2b3c4d');
		expect(serialiseShareLink(value).toString()).toBe(old.replace('seed', 'notebook'));
		// Links without v (the playground's first URLs) read it too.
		expect(parse('accuracy=seed').value.config.accuracy).toBe('notebook');
	});

	it('writes nothing but v=1 for the defaults', () => {
		expect(serialiseShareLink(defaultLink()).toString()).toBe('v=1');
		expect(parse('v=1')).toEqual({ value: defaultLink(), messages: [] });
	});

	const recipeFields = Object.keys(RUN_CONFIG_SCHEMA) as (keyof RunConfig)[];
	it.each(recipeFields)('recipe field %s round-trips on its own', (field) => {
		const link = {
			...defaultLink(),
			config: { ...defaultLink().config, [field]: FULL.config[field] }
		};
		const query = serialiseShareLink(link);
		expect([...query.keys()]).toEqual(['v', RUN_CONFIG_SCHEMA[field].key]);
		expect(parse(query.toString())).toEqual({ value: link, messages: [] });
	});

	it.each([
		['backend', { backend: 'wasm' }, ['backend']],
		['progress', { progress: { epochsDone: 3, batchesDone: 4 } }, ['done', 'part']],
		['timeline', { progress: { epochsDone: 1, batchesDone: 0 }, timelineStep: 0 }, ['done', 'at']],
		['checksum', { checksum: 'ffffffff' }, ['sum']],
		['hide', { teacher: { hide: ['seed', 'model'], lock: false } }, ['hide']]
	] as const)('%s round-trips on its own', (_, change, keys) => {
		const link = { ...defaultLink(), ...change } as ShareLink;
		const query = serialiseShareLink(link);
		expect([...query.keys()].sort()).toEqual(['v', ...keys].sort());
		expect(parse(query.toString())).toEqual({ value: link, messages: [] });
	});

	it('lock round-trips on a lesson step', () => {
		const link: ShareLink = { ...defaultLink(LESSON), teacher: { hide: [], lock: true } };
		expect(parse(serialiseShareLink(link).toString(), LESSON)).toEqual({
			value: link,
			messages: []
		});
	});

	it('hide=questions round-trips on a lesson step, beside the recipe’s controls', () => {
		const link: ShareLink = {
			...defaultLink(LESSON),
			teacher: { hide: ['questions', 'lr'], lock: false }
		};
		const query = serialiseShareLink(link);
		expect(query.toString()).toBe('v=1&hide=questions%2Clr');
		expect(parse(query.toString(), LESSON)).toEqual({ value: link, messages: [] });
		expect(HIDEABLE_KEYS).toContain('questions');
	});

	it.each([
		[{ page: 'playground' }],
		[{ page: 'draw' }],
		[{ page: 'lesson', step: 'overfitting' }]
	] as [Place][])('the place %j round-trips through a whole URL', (place) => {
		const link = { ...FULL, place, teacher: { ...FULL.teacher, lock: place.page === 'lesson' } };
		const url = new URL(shareUrl('https://example.org', '/digit-lab', link, 'AbC-_9'));
		expect(url.search.startsWith('?v=1&')).toBe(true);
		expect(url.hash).toBe('#model=AbC-_9');
		const read = placeFromPath(url.pathname, '/digit-lab');
		expect(read).toEqual(place);
		expect(parseShareLink(url.searchParams, read!)).toEqual({ value: link, messages: [] });
	});

	it('names no page for other paths', () => {
		for (const path of ['/', '/lesson', '/lesson/a/b', '/bench', '/lesson/<script>', '/draw/x']) {
			expect(placeFromPath(path)).toBeNull();
		}
	});
});

describe('version 0 (the playground URLs from before share links)', () => {
	it('reads the recipe and backend as before', () => {
		const { value, messages } = parse('model=mlp&lr=0.05&backend=cpu');
		expect(messages).toEqual([]);
		expect(value.config.model).toBe('mlp');
		expect(value.config.lr).toBe(0.05);
		expect(value.backend).toBe('cpu');
		expect(value.progress).toEqual({ epochsDone: 0, batchesDone: 0 });
	});

	it('treats the link fields as unknown settings there', () => {
		const { value, messages } = parse('done=2&sum=0badc0de');
		expect(value).toEqual(defaultLink());
		expect(messages.join(' ')).toMatch(/unknown settings "done", "sum"/);
	});
});

describe('bounds', () => {
	const numeric = (
		Object.entries({ ...RUN_CONFIG_SCHEMA, ...EXTRA_SCHEMA }) as [string, FieldSpec<unknown>][]
	).filter(([, spec]) => spec.kind === 'number');

	it.each(numeric)('%s is clamped to its range with a message', (name, spec) => {
		if (spec.kind !== 'number') return;
		// Progress is also bounded by the recipe: give it room (200 epochs, one-digit batches).
		const room = name in RUN_CONFIG_SCHEMA ? 'x=1' : 'epochs=200&batch=1';
		const low = parse(`v=1&${room}&${spec.key}=${spec.min - 1}`);
		const high = parse(`v=1&${room}&${spec.key}=${spec.max * 10 + 1}`);
		for (const { value, messages } of [low, high]) {
			expectValid(value);
			expect(messages.some((m) => m.includes('out of range'))).toBe(true);
		}
		const read = (link: ShareLink): unknown =>
			name in RUN_CONFIG_SCHEMA
				? link.config[name as keyof RunConfig]
				: name === 'at'
					? (link.timelineStep ?? -1)
					: link.progress[name as 'epochsDone' | 'batchesDone'];
		expect(read(low.value)).toBe(name === 'at' ? -1 : name === 'batchSize' ? 1 : spec.min);
		if (name in RUN_CONFIG_SCHEMA) expect(read(high.value)).toBe(spec.max);
	});

	it('keeps progress within the recipe: no more epochs than it trains, batches within an epoch', () => {
		const over = parse('v=1&epochs=3&done=5');
		expect(over.value.progress).toEqual({ epochsDone: 3, batchesDone: 0 });
		expect(over.messages.join(' ')).toMatch(/done=5/);
		const part = parse('v=1&subset=1000&batch=100&done=1&part=10');
		expect(part.value.progress).toEqual({ epochsDone: 1, batchesDone: 0 });
		expect(part.messages.join(' ')).toMatch(/an epoch of this recipe has 10 batches/);
		expect(parse('v=1&subset=1000&batch=100&done=1&part=9').value.progress.batchesDone).toBe(9);
	});

	it('keeps the timeline within the replayed batches', () => {
		expect(parse('v=1&done=1&at=235').value.timelineStep).toBe(235);
		const beyond = parse('v=1&done=1&at=236');
		expect(beyond.value.timelineStep).toBeNull();
		expect(beyond.messages.join(' ')).toMatch(/at=236/);
	});

	it('ignores lock outside a lesson, and checksums that are not 8 hex digits', () => {
		const locked = parse('v=1&lock=1');
		expect(locked.value.teacher.lock).toBe(false);
		expect(locked.messages).toEqual(['Ignored lock=1: only a lesson step can be locked.']);
		expect(parse('v=1&sum=ABCDEF01').value.checksum).toBe('abcdef01');
		for (const sum of ['abc', '0badc0de0', 'zzzzzzzz', '']) {
			const { value, messages } = parse(`v=1&sum=${sum}`);
			expect(value.checksum).toBeNull();
			expect(messages[0]).toMatch(/8 hex digits/);
		}
	});

	it('ignores hide=questions outside a lesson, keeping the rest of hide', () => {
		for (const place of [PLAYGROUND, { page: 'draw' }] as Place[]) {
			const { value, messages } = parse('v=1&hide=questions,seed', place);
			expect(value.teacher.hide).toEqual(['seed']);
			expect(messages).toEqual(['Ignored hide=questions: only a lesson step asks questions.']);
		}
		const mixed = parse('v=1&hide=questions,questions,nope', LESSON);
		expect(mixed.value.teacher.hide).toEqual(['questions']);
		expect(mixed.messages).toEqual(['Ignored hide="nope": no such control to hide.']);
	});

	it('refuses unknown versions with the defaults and one message', () => {
		for (const v of ['2', '0', '1.0x', '', '<script>']) {
			const { value, messages } = parse(`v=${encodeURIComponent(v)}&lr=0.5`, LESSON);
			expect(value).toEqual(defaultLink(LESSON));
			expect(messages).toHaveLength(1);
			expect(messages[0]).toMatch(/reads version 1 links/);
		}
	});
});

describe('a corpus of malformed and hostile links', () => {
	const HOSTILE = [
		'abc',
		'NaN',
		'Infinity',
		'-Infinity',
		'1e309',
		'9'.repeat(400),
		'-1',
		'0x1f',
		'',
		'   ',
		'1,2',
		'<script>alert(1)</script>',
		'"><img src=x onerror=alert(1)>',
		'javascript:alert(document.cookie)',
		'\u0000\u0007\u001b[2J',
		'%00'
	];
	const keys = [
		...schemaKeys(RUN_CONFIG_SCHEMA),
		...schemaKeys(BACKEND_FIELD),
		...schemaKeys(EXTRA_SCHEMA),
		'sum',
		'hide'
	];
	const real = serialiseShareLink({
		...FULL,
		place: PLAYGROUND,
		teacher: { ...FULL.teacher, lock: false }
	}).toString();
	const corpus: string[] = [];
	for (const key of keys) {
		for (const value of HOSTILE) corpus.push(`v=1&${key}=${encodeURIComponent(value)}`);
	}
	for (let end = 0; end <= real.length; end++) corpus.push(real.slice(0, end));
	corpus.push(
		`${real}&${real}`,
		`v=1&${'x'.repeat(2_000_000)}=1`,
		`v=1&hide=${'lr,'.repeat(10000)}<b>`,
		'v=1&__proto__=1&constructor=2&toString=3',
		'v=1&hide=__proto__,constructor',
		'v=1&model=javascript:alert(1)&backend=<svg/onload=alert(1)>',
		'v=1&accuracy=__proto__',
		'v=1&accuracy=constructor&model=hasOwnProperty'
	);

	it(`has at least 200 links (${corpus.length})`, () => {
		expect(corpus.length).toBeGreaterThanOrEqual(200);
	});

	it('never throws and always yields a valid link, and a message for every hostile value', () => {
		for (const query of [...corpus, 'v=1&hide=questions', 'v=1&hide=questions,%3Cb%3E']) {
			let parsed: ReturnType<typeof parse> | undefined;
			expect(() => (parsed = parse(query, LESSON)), query.slice(0, 80)).not.toThrow();
			expectValid(parsed!.value);
			expectValid(parse(query, PLAYGROUND).value);
			expect(Array.isArray(parsed!.messages)).toBe(true);
			// Messages quote at most 40 characters of a value: a huge value cannot flood the page.
			for (const message of parsed!.messages) expect(message.length).toBeLessThan(400);
		}
		for (const key of keys) {
			for (const value of HOSTILE.filter((v) => /[<:a-z]/i.test(v))) {
				const { messages } = parse(`v=1&${key}=${encodeURIComponent(value)}`, LESSON);
				expect(messages.length, `${key}=${value}`).toBeGreaterThan(0);
			}
		}
	});

	it('shows hostile text only quoted, with control characters replaced', () => {
		const { messages } = parse('v=1&model=%3Cscript%3Ealert(1)%3C/script%3E&seed=%00%1b');
		expect(messages[0]).toContain('"<script>alert(1)</script>"');
		// eslint-disable-next-line no-control-regex
		expect(messages.join(' ')).not.toMatch(/[\u0000-\u001f]/);
	});
});
