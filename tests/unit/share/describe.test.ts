import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { controlWords, linkContents, progressWords, recipeWords } from '$lib/share/describe';
import { defaultLink, type ShareLink } from '$lib/share/link';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const at = (epochsDone: number, batchesDone: number): ShareLink => ({
	...defaultLink(),
	progress: { epochsDone, batchesDone }
});

describe('share link words', () => {
	it('say how far the run went, in epochs and batches', () => {
		expect(progressWords(at(0, 0))).toBe('no training yet');
		expect(progressWords(at(0, 1))).toBe('1 batch of the first epoch');
		expect(progressWords(at(1, 0))).toBe('1 epoch (235 batches)');
		expect(progressWords(at(2, 3))).toBe('2 epochs and 3 batches (473 batches)');
	});

	it('name the recipe and the hidden controls by their labels', () => {
		expect(recipeWords(defaultLink().config)).toBe(
			'linear learner (initial std 1), learning rate 0.1, batches of 256, sequential order, seed 1, 20 epochs on all 60,000 training digits, exact accuracy formula'
		);
		expect(controlWords(['lr', 'batch', 'presets'])).toBe('learning rate, batch size, presets');
		expect(controlWords(['questions'])).toBe('the questions');
	});

	it('list what a replay link and a model link carry', () => {
		const replay: ShareLink = {
			...at(1, 0),
			place: { page: 'lesson', step: 'train' },
			checksum: '0badc0de',
			backend: 'cpu',
			timelineStep: 40,
			teacher: { hide: ['seed'], lock: true }
		};
		const lines = linkContents(replay, null);
		expect(lines[1]).toMatch(/retrains the same run .*\(checksum 0badc0de\)/);
		expect(lines).toContain('Backend: cpu (forced).');
		expect(lines).toContain('The timeline moment you are looking at: batch 40.');
		expect(lines).toContain('Hidden from the recipient: seed.');
		expect(lines).toContain('The recipient stays on this lesson step ("train").');
		expect(linkContents(at(0, 0), null)[1]).toMatch(/none yet.*fresh run/);
		expect(linkContents(at(2, 0), 8260)[1]).toMatch(/rounded to 8 bits each \(8\.1 KB/);
	});
});
