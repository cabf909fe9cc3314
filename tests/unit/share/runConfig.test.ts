import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import {
	BACKEND_FIELD,
	parsePageQuery,
	RUN_CONFIG_SCHEMA,
	serialisePageQuery,
	type PageSettings
} from '$lib/share/runConfig';
import { defaults, parseField, quote, schemaKeys } from '$lib/share/schema';

beforeAll(async () => {
	// Nothing here uses tensors; the backend is set for uniformity with the other unit tests.
	await tf.setBackend('cpu');
});

const DEFAULTS: PageSettings = { config: defaults(RUN_CONFIG_SCHEMA), backend: 'auto' };
const parse = (query: string) => parsePageQuery(new URLSearchParams(query));

/** A valid value different from the default, for each field. */
const CHANGED: RunConfig = {
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
};

describe('run config defaults', () => {
	it('are the notebook recipe: linear, lr 0.1, batches of 256, 20 epochs, std 1', () => {
		expect(DEFAULTS.config).toEqual({
			model: 'linear',
			lr: 0.1,
			batchSize: 256,
			epochs: 20,
			initStd: 1,
			hidden: 30,
			order: 'sequential',
			seed: 1,
			accuracy: 'exact',
			trainSubset: 0
		});
	});

	it('are what an empty query gives, without messages', () => {
		expect(parse('')).toEqual({ value: DEFAULTS, messages: [] });
	});

	it('are not written: the default settings serialise to an empty query', () => {
		expect(serialisePageQuery(DEFAULTS).toString()).toBe('');
	});
});

describe('round trip', () => {
	const fields = Object.keys(RUN_CONFIG_SCHEMA) as (keyof RunConfig)[];

	it.each(fields)('%s: a non-default value is written under its key and read back', (field) => {
		const settings: PageSettings = {
			...DEFAULTS,
			config: { ...DEFAULTS.config, [field]: CHANGED[field] }
		};
		const query = serialisePageQuery(settings);
		expect([...query.keys()]).toEqual([RUN_CONFIG_SCHEMA[field].key]);
		expect(parsePageQuery(new URLSearchParams(query.toString()))).toEqual({
			value: settings,
			messages: []
		});
	});

	it('backend: every choice round-trips, auto is not written', () => {
		for (const backend of ['webgl', 'wasm', 'cpu'] as const) {
			const query = serialisePageQuery({ ...DEFAULTS, backend });
			expect(query.toString()).toBe(`backend=${backend}`);
			expect(parsePageQuery(query).value.backend).toBe(backend);
		}
	});

	it('all fields at once, through the text of a URL', () => {
		const settings: PageSettings = { config: CHANGED, backend: 'cpu' };
		const text = serialisePageQuery(settings).toString();
		expect(text).toBe(
			'model=mlp&lr=0.0375&batch=64&epochs=3&std=0.01&hidden=100&order=shuffled' +
				'&seed=2147483647&accuracy=notebook&subset=5000&backend=cpu'
		);
		expect(parse(text)).toEqual({ value: settings, messages: [] });
	});

	it('reads the old spelling accuracy=seed as the notebook formula, silently, and writes notebook', () => {
		expect(parse('accuracy=seed')).toEqual({
			value: { ...DEFAULTS, config: { ...DEFAULTS.config, accuracy: 'notebook' } },
			messages: []
		});
		const notebook: PageSettings = {
			...DEFAULTS,
			config: { ...DEFAULTS.config, accuracy: 'notebook' }
		};
		expect(serialisePageQuery(notebook).toString()).toBe('accuracy=notebook');
		// Only the schema's own old spellings: an inherited name is no alias.
		expect(parse('accuracy=constructor').messages).toHaveLength(1);
	});

	it('keeps awkward numbers exact: tiny and long decimals', () => {
		for (const lr of [1e-6, 0.1 + 0.2, 9.999999999]) {
			const settings = { ...DEFAULTS, config: { ...DEFAULTS.config, lr } };
			expect(parsePageQuery(serialisePageQuery(settings)).value.config.lr).toBe(lr);
		}
	});

	it('uses the documented keys', () => {
		expect(schemaKeys(RUN_CONFIG_SCHEMA)).toEqual([
			'model',
			'lr',
			'batch',
			'epochs',
			'std',
			'hidden',
			'order',
			'seed',
			'accuracy',
			'subset'
		]);
		expect(schemaKeys(BACKEND_FIELD)).toEqual(['backend']);
	});
});

describe('out-of-range values are clamped, with a message', () => {
	it.each([
		['lr=100', 'lr', 10, 'learning rate "100" is out of range (0.000001 to 10); using 10.'],
		['lr=0', 'lr', 1e-6, 'learning rate "0" is out of range (0.000001 to 10); using 0.000001.'],
		['batch=0', 'batchSize', 1, 'batch size "0" is out of range (1 to 4096); using 1.'],
		[
			'batch=99999',
			'batchSize',
			4096,
			'batch size "99999" is out of range (1 to 4096); using 4096.'
		],
		['epochs=-3', 'epochs', 1, 'epochs "-3" is out of range (1 to 200); using 1.'],
		['std=11', 'initStd', 10, 'initial std "11" is out of range (0 to 10); using 10.'],
		['hidden=1000', 'hidden', 512, 'hidden units "1000" is out of range (1 to 512); using 512.'],
		['seed=-1', 'seed', 0, 'seed "-1" is out of range (0 to 2147483647); using 0.'],
		[
			'subset=70000',
			'trainSubset',
			60000,
			'training subset "70000" is out of range (0 to 60000); using 60000.'
		]
	] as const)('%s', (query, field, value, message) => {
		const parsed = parse(query);
		expect(parsed.value.config[field]).toBe(value);
		expect(parsed.messages).toEqual([message]);
	});

	it('rounds integer fields, and clamps after rounding', () => {
		expect(parse('batch=63.6&hidden=2.4')).toEqual({
			value: { ...DEFAULTS, config: { ...DEFAULTS.config, batchSize: 64, hidden: 2 } },
			messages: []
		});
		expect(parse('batch=0.4').value.config.batchSize).toBe(1);
	});

	it('accepts values on the bounds without a message', () => {
		const parsed = parse('lr=10&std=0&subset=60000&seed=0&hidden=512&batch=4096');
		expect(parsed.messages).toEqual([]);
		expect(parsed.value.config).toMatchObject({ lr: 10, initStd: 0, trainSubset: 60000 });
	});
});

describe('broken values fall back to the default, with a message', () => {
	it.each([
		['lr=abc', 'lr', 0.1, 'Ignored lr="abc": learning rate must be a number; using 0.1.'],
		['lr=NaN', 'lr', 0.1, 'Ignored lr="NaN": learning rate must be a number; using 0.1.'],
		['lr=', 'lr', 0.1, 'Ignored lr="": learning rate must be a number; using 0.1.'],
		['lr=Infinity', 'lr', 0.1, 'Ignored lr="Infinity": learning rate must be a number; using 0.1.'],
		[
			'batch=12abc',
			'batchSize',
			256,
			'Ignored batch="12abc": batch size must be a number; using 256.'
		],
		[
			'model=cnn',
			'model',
			'linear',
			'Ignored model="cnn": model must be one of linear, mlp; using linear.'
		],
		[
			'order=random',
			'order',
			'sequential',
			'Ignored order="random": batch order must be one of sequential, shuffled; using sequential.'
		],
		[
			'accuracy=EXACT',
			'accuracy',
			'exact',
			'Ignored accuracy="EXACT": accuracy formula must be one of exact, notebook; using exact.'
		]
	] as const)('%s', (query, field, value, message) => {
		const parsed = parse(query);
		expect(parsed.value.config[field]).toBe(value);
		expect(parsed.messages).toEqual([message]);
	});

	it('an unknown backend falls back to auto', () => {
		expect(parse('backend=gpu')).toEqual({
			value: DEFAULTS,
			messages: [
				'Ignored backend="gpu": backend must be one of auto, webgl, wasm, cpu; using auto.'
			]
		});
	});

	it('keeps the good settings next to a broken one, one message per broken one', () => {
		const parsed = parse('model=mlp&lr=oops&hidden=64&order=zigzag');
		expect(parsed.value.config).toMatchObject({
			model: 'mlp',
			lr: 0.1,
			hidden: 64,
			order: 'sequential'
		});
		expect(parsed.messages).toHaveLength(2);
	});
});

describe('unknown keys', () => {
	it('are reported by name', () => {
		expect(parse('foo=1').messages).toEqual(['Ignored unknown setting "foo".']);
		expect(parse('foo=1&bar=2&foo=3&model=mlp')).toEqual({
			value: { ...DEFAULTS, config: { ...DEFAULTS.config, model: 'mlp' } },
			messages: ['Ignored unknown settings "foo", "bar".']
		});
	});

	it('are listed five at most', () => {
		const message = parse('a=1&b=1&c=1&d=1&e=1&f=1&g=1').messages[0];
		expect(message).toBe('Ignored unknown settings "a", "b", "c", "d", "e".');
	});
});

describe('hostile input', () => {
	const huge = 'x'.repeat(2_000_000);

	it('a 2 MB value does not make a 2 MB message', () => {
		for (const query of [`model=${huge}`, `lr=${huge}`, `lr=${'9'.repeat(2_000_000)}`]) {
			const parsed = parse(query);
			expect(parsed.value).toEqual(DEFAULTS);
			expect(parsed.messages).toHaveLength(1);
			expect(parsed.messages[0].length).toBeLessThan(200);
			expect(parsed.messages[0]).toMatch(/="(x|9){40}\.\.\."/);
		}
	});

	it('a 2 MB unknown key does not either', () => {
		const parsed = parse(`${huge}=1`);
		expect(parsed.messages).toHaveLength(1);
		expect(parsed.messages[0].length).toBeLessThan(200);
	});

	it('control characters are not echoed', () => {
		const parsed = parse('model=%1b%5B31mred%00');
		expect(parsed.messages[0]).toContain('"?[31mred?"');
		expect(quote('a\nb')).toBe('"a?b"');
	});
});

describe('parseField', () => {
	it('trims whitespace around enum and number values', () => {
		expect(parseField(RUN_CONFIG_SCHEMA.model, ' mlp ')).toBe('mlp');
		expect(parseField(RUN_CONFIG_SCHEMA.lr, ' 0.5\n')).toBe(0.5);
	});

	it('appends its message to the list it is given', () => {
		const messages = ['earlier'];
		expect(parseField(RUN_CONFIG_SCHEMA.epochs, 'many', messages)).toBe(20);
		expect(messages).toHaveLength(2);
		expect(messages[1]).toMatch(/^Ignored epochs="many"/);
	});
});
