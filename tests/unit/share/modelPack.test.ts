import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '$lib/engine/config';
import { expectedTensors } from '$lib/engine/models';
import type { TensorSnapshot } from '$lib/engine/protocol';
import { createRng } from '$lib/engine/rng';
import { weightsChecksum } from '$lib/share/checksum';
import {
	dequantise,
	fromBase64Url,
	MAX_FRAGMENT_CHARS,
	modelFromFragment,
	packModel,
	quantise,
	toBase64Url,
	unpackModel
} from '$lib/share/modelPack';
import { fastConfig } from '../helpers/engine';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const LINEAR = fastConfig();
const NET = fastConfig({ model: 'mlp', hidden: 30 });

/** Normal weights of this recipe's shapes, std `std`. */
function randomWeights(config: RunConfig, std = 0.05, seed = 7): TensorSnapshot[] {
	const rng = createRng(seed, 3);
	return expectedTensors(config).map(({ name, shape }) => ({
		name,
		shape,
		values: Float32Array.from(
			{ length: shape.reduce((a, b) => a * b, 1) },
			() => rng.normal() * std
		)
	}));
}

function maxStepError(original: TensorSnapshot, restored: TensorSnapshot, scale: number): number {
	let worst = 0;
	original.values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - restored.values[i]))));
	return scale === 0 ? worst : worst / scale;
}

describe('quantisation', () => {
	it('brings every weight back within half a step (scale / 2)', () => {
		for (const tensor of [...randomWeights(NET, 0.3), ...randomWeights(LINEAR, 1, 9)]) {
			const q = quantise(tensor);
			expect(maxStepError(tensor, dequantise(q), q.scale)).toBeLessThanOrEqual(0.5 + 1e-3);
		}
	});

	it('keeps a constant tensor exactly and refuses NaN', () => {
		const flat = { name: 'bias', shape: [10], values: new Float32Array(10).fill(0.25) };
		expect(dequantise(quantise(flat)).values).toEqual(flat.values);
		const bad = { ...flat, values: Float32Array.from([1, Number.NaN]) };
		expect(() => quantise(bad)).toThrow(/not a finite number/);
	});
});

describe('pack and unpack', () => {
	it.each([
		['linear', LINEAR],
		['net', NET]
	] as const)('the %s round-trips within half a step', async (_, config) => {
		const weights = randomWeights(config);
		const data = await packModel(weights);
		expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
		const { value, messages } = await unpackModel(data, config);
		expect(messages).toEqual([]);
		value!.forEach((restored, i) => {
			expect(restored.name).toBe(weights[i].name);
			expect(restored.shape).toEqual(weights[i].shape);
			expect(maxStepError(weights[i], restored, quantise(weights[i]).scale)).toBeLessThanOrEqual(
				0.501
			);
		});
	});

	it('keeps even the notebook recipe’s std-1 linear learner (the least compressible) under 16 KB', async () => {
		const data = await packModel(randomWeights(LINEAR, 1));
		console.log(`linear learner with std-1 weights: fragment ${data.length} characters`);
		expect(data.length).toBeLessThan(16 * 1024 - 200);
	});

	it('refuses a model of another shape than the recipe, naming both', async () => {
		const data = await packModel(randomWeights(NET));
		const wider = await unpackModel(data, { ...NET, hidden: 100 });
		expect(wider.value).toBeNull();
		expect(wider.messages[0]).toMatch(/W1 \[784, 30\].*W1 \[784, 100\]|more than/);
		const linear = await unpackModel(data, LINEAR);
		expect(linear.value).toBeNull();
		expect(linear.messages[0]).toMatch(/Ignored the trained model in this link/);
	});

	it('refuses text that is not base64url, and empty data', async () => {
		for (const data of [
			'',
			'abc$',
			'<script>alert(1)</script>',
			'javascript:alert(1)',
			'A',
			'===='
		]) {
			const { value, messages } = await unpackModel(data, LINEAR);
			expect(value).toBeNull();
			expect(messages[0]).toMatch(/Ignored the trained model/);
		}
		expect(fromBase64Url('AQID')).toEqual(new Uint8Array([1, 2, 3]));
		expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8');
	});

	it('never accepts a truncated model, at any of 200 lengths', async () => {
		const data = await packModel(randomWeights(LINEAR));
		const lengths = Array.from({ length: 200 }, (_, i) => Math.floor((i * data.length) / 200));
		for (const length of lengths) {
			const { value, messages } = await unpackModel(data.slice(0, length), LINEAR);
			expect(value, `cut at ${length}`).toBeNull();
			expect(messages).toHaveLength(1);
		}
	});

	it('never accepts changed weight data: 300 flipped bits are caught or change nothing', async () => {
		const weights = randomWeights(LINEAR);
		const bytes = fromBase64Url(await packModel(weights))!;
		const rng = createRng(11, 5);
		const original = weightsChecksum((await unpackModel(toBase64Url(bytes), LINEAR)).value!);
		let caught = 0;
		for (let i = 0; i < 300; i++) {
			const flipped = bytes.slice();
			const bit = Math.floor(rng.next() * bytes.length * 8);
			flipped[bit >> 3] ^= 1 << (bit & 7);
			const { value, messages } = await unpackModel(toBase64Url(flipped), LINEAR);
			if (value === null) {
				caught++;
				expect(messages[0]).toMatch(/Ignored the trained model in this link: /);
			} else {
				// A flip in a deflate block's unused bits decodes to the very same model.
				expect(weightsChecksum(value)).toBe(original);
			}
		}
		expect(caught).toBeGreaterThan(280);
	});

	it('stops inflating a zip bomb at the size the model can have', async () => {
		const zeros = new Uint8Array(20_000_000);
		const stream = new Blob([zeros]).stream().pipeThrough(new CompressionStream('deflate'));
		const bomb = toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
		expect(bomb.length).toBeLessThan(40_000);
		const started = performance.now();
		const { value, messages } = await unpackModel(bomb, LINEAR);
		expect(value).toBeNull();
		expect(messages[0]).toMatch(/unpacks to more than the 7,\d{3} bytes this model needs/);
		expect(performance.now() - started).toBeLessThan(2000);
	});
});

describe('the fragment', () => {
	it('gives the model= text, and nothing for an empty fragment', () => {
		expect(modelFromFragment('#model=AbC')).toEqual({ value: 'AbC', messages: [] });
		expect(modelFromFragment('')).toEqual({ value: null, messages: [] });
		expect(modelFromFragment('#top').messages[0]).toMatch(/holds no model/);
	});

	it('refuses a 2 MB fragment at once, without decoding it', () => {
		const huge = `#model=${'A'.repeat(2_000_000)}`;
		const started = performance.now();
		const { value, messages } = modelFromFragment(huge);
		expect(performance.now() - started).toBeLessThan(50);
		expect(value).toBeNull();
		expect(messages[0]).toMatch(/2,000,006 characters long, more than the 640,000/);
		expect(MAX_FRAGMENT_CHARS).toBe(640_000);
	});
});
