/**
 * The model registry answers every "which model is this" question from the kinds' records, with
 * the words the site has always used; and it stays free of tfjs, because the page imports it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	expectedTensors,
	firstLayerIn,
	firstLayerIndex,
	firstLayerOf,
	MODEL_KINDS,
	modelLabel,
	modelSpec,
	nextKind,
	parameterCount,
	usesField,
	type ModelLabel
} from '$lib/engine/models';

const LINEAR = { model: 'linear', initStd: 1, hidden: 30 } as const;
const NET = { model: 'mlp', initStd: 1, hidden: 30 } as const;

describe('the model registry', () => {
	it('lists the kinds in the order the site offers them', () => {
		expect(MODEL_KINDS).toEqual(['linear', 'mlp']);
		expect(nextKind('linear')).toBe('mlp');
		expect(nextKind('mlp')).toBe('linear');
		expect(() => modelSpec('cnn' as 'linear')).toThrow('there is no model kind "cnn"');
	});

	it('computes tensors from the recipe: linear weights [784, 10], bias [10]; the net W1..b2', () => {
		expect(expectedTensors(LINEAR)).toEqual([
			{ name: 'weights', shape: [784, 10] },
			{ name: 'bias', shape: [10] }
		]);
		expect(expectedTensors({ ...NET, hidden: 7 })).toEqual([
			{ name: 'W1', shape: [784, 7] },
			{ name: 'b1', shape: [7] },
			{ name: 'W2', shape: [7, 10] },
			{ name: 'b2', shape: [10] }
		]);
		expect(parameterCount(LINEAR)).toBe(7850);
		expect(parameterCount(NET)).toBe(23860);
	});

	it('names the first layer: weights of the linear learner, W1 of the net', () => {
		expect(firstLayerIndex(LINEAR)).toBe(0);
		expect(firstLayerIndex(NET)).toBe(0);
		const weights = expectedTensors(NET).reverse();
		expect(firstLayerOf('mlp', weights)?.name).toBe('W1');
		expect(firstLayerOf('linear', weights)).toBeNull();
		expect(firstLayerIn(weights)).toEqual({
			kind: 'mlp',
			tensor: { name: 'W1', shape: [784, 30] }
		});
		expect(firstLayerIn(expectedTensors(LINEAR))?.kind).toBe('linear');
		expect(firstLayerIn([{ name: 'bias' }])).toBeNull();
	});

	it('says which recipe fields each kind reads', () => {
		expect(usesField('linear', 'initStd')).toBe(true);
		expect(usesField('linear', 'hidden')).toBe(false);
		expect(usesField('mlp', 'initStd')).toBe(false);
		expect(usesField('mlp', 'hidden')).toBe(true);
	});

	it('phrases the model as every part of the site always has', () => {
		const forms: ModelLabel[] = ['short', 'noun', 'named', 'with', 'recipe', 'legend', 'slug'];
		expect(forms.map((form) => modelLabel(LINEAR, form))).toEqual([
			'linear',
			'linear learner',
			'linear learner',
			'linear learner',
			'linear learner (initial std 1)',
			'linear',
			'linear'
		]);
		expect(forms.map((form) => modelLabel(NET, form))).toEqual([
			'net',
			'net',
			'net (30 hidden units)',
			'net with 30 hidden units',
			'net with 30 hidden units',
			'net (30 hidden)',
			'net-h30'
		]);
	});
});

/** The relative modules a file imports as values (type-only imports are erased by the build). */
function valueImports(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of source.matchAll(
		/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm
	)) {
		if (!match[1]) found.push(match[2]);
	}
	return found;
}

describe('the registry is pure', () => {
	it('loads no tfjs, directly or through what it imports (the page imports it)', () => {
		const start = resolve('src/lib/engine/models/index.ts');
		const seen = new Set<string>();
		const queue = [start];
		const external: string[] = [];
		while (queue.length > 0) {
			const file = queue.pop()!;
			if (seen.has(file)) continue;
			seen.add(file);
			for (const spec of valueImports(file)) {
				if (spec.startsWith('.')) queue.push(resolve(dirname(file), `${spec}.ts`));
				else external.push(spec);
			}
		}
		expect([...seen].map((f) => f.slice(f.indexOf('src/lib/')))).toEqual(
			expect.arrayContaining([
				'src/lib/engine/models/index.ts',
				'src/lib/engine/models/kinds.ts',
				'src/lib/engine/models/linear.ts',
				'src/lib/engine/models/mlp.ts',
				'src/lib/engine/models/spec.ts'
			])
		);
		expect(external).toEqual([]);
	});
});
