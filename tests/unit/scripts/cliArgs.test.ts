import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaults } from '$lib/share/schema';
import { RUN_CONFIG_SCHEMA } from '$lib/share/runConfig';
import { parseCliArgs, usage } from '../../../scripts/lib/cliArgs';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const DEFAULT_CONFIG = defaults(RUN_CONFIG_SCHEMA);

describe('parseCliArgs', () => {
	it('gives the defaults for no flags', () => {
		expect(parseCliArgs([])).toEqual({
			config: DEFAULT_CONFIG,
			backend: 'auto',
			json: false,
			help: false
		});
	});

	it('reads every flag by its URL key, as --key value or --key=value', () => {
		const result = parseCliArgs([
			'--model',
			'mlp',
			'--lr=0.5',
			'--batch',
			'64',
			'--epochs=2',
			'--std',
			'0.01',
			'--hidden',
			'16',
			'--order',
			'shuffled',
			'--seed',
			'42',
			'--accuracy=notebook',
			'--subset',
			'1000',
			'--backend',
			'cpu',
			'--json'
		]);
		expect(result).toEqual({
			config: {
				model: 'mlp',
				lr: 0.5,
				batchSize: 64,
				epochs: 2,
				initStd: 0.01,
				hidden: 16,
				order: 'shuffled',
				seed: 42,
				accuracy: 'notebook',
				trainSubset: 1000
			},
			backend: 'cpu',
			json: true,
			help: false
		});
	});

	it('still reads the old spelling --accuracy seed, as the notebook formula', () => {
		expect(parseCliArgs(['--accuracy', 'seed'])).toMatchObject({
			config: { accuracy: 'notebook' }
		});
		expect(usage()).toContain('exact|notebook; seed = notebook');
	});

	it('recognises --help and -h', () => {
		expect(parseCliArgs(['--help'])).toMatchObject({ help: true });
		expect(parseCliArgs(['-h'])).toMatchObject({ help: true });
	});

	it('rejects an unknown flag', () => {
		expect(parseCliArgs(['--learning-rate', '0.1'])).toEqual({
			error: 'unknown flag --learning-rate'
		});
		expect(parseCliArgs(['--nope=1'])).toEqual({ error: 'unknown flag --nope' });
	});

	it('rejects a flag without its value', () => {
		expect(parseCliArgs(['--lr'])).toEqual({ error: '--lr needs a value' });
		expect(parseCliArgs(['--lr', '--batch', '64'])).toEqual({ error: '--lr needs a value' });
	});

	it('rejects a stray argument', () => {
		expect(parseCliArgs(['mlp'])).toEqual({ error: 'unexpected argument "mlp"' });
	});

	it('is strict where the URL is lenient: out of range or broken values are errors', () => {
		const outOfRange = parseCliArgs(['--lr', '100']);
		expect(outOfRange).toEqual({
			error: 'learning rate "100" is out of range (0.000001 to 10); using 10.'
		});
		expect(parseCliArgs(['--seed', '-1'])).toHaveProperty('error');
		expect(parseCliArgs(['--model', 'cnn'])).toEqual({
			error: 'Ignored model="cnn": model must be one of linear, mlp; using linear.'
		});
		expect(parseCliArgs(['--batch', 'big'])).toHaveProperty('error');
		expect(parseCliArgs(['--lr='])).toHaveProperty('error');
		const two = parseCliArgs(['--lr', '100', '--hidden', '0']);
		expect('error' in two && two.error.split('\n')).toHaveLength(2);
	});

	it('lists every flag in the usage text', () => {
		const text = usage();
		for (const key of ['model', 'lr', 'batch', 'epochs', 'std', 'hidden', 'order', 'seed']) {
			expect(text).toContain(`--${key}`);
		}
		expect(text).toContain('--subset');
		expect(text).toContain('--accuracy');
		expect(text).toContain('--backend');
		expect(text).toContain('--json');
	});
});
