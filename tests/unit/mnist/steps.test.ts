import { describe, expect, it } from 'vitest';
import lesson from '$content/lessons/01-mnist/lesson';
import { TEXTS } from '$content/lessons/01-mnist/text.server';
import { REQUEST_TYPES } from '$lib/engine/protocol';
import { renderProse, renderPython } from '$lib/lesson/render.server';
import { FIRST_STEP } from '../../../src/routes/lesson/first';

const { steps } = lesson;

describe('the MNIST lesson’s step folders', () => {
	it('are found in folder order, under the URLs they have always had', () => {
		expect(steps.map((s) => s.slug)).toEqual([
			'data',
			'flatten',
			'init',
			'predict',
			'loss',
			'gradient',
			'step',
			'train',
			'accuracy',
			'net',
			'train-net',
			'overfitting',
			'conclusion'
		]);
		expect(steps.map((s) => s.number)).toEqual(steps.map((_, i) => i + 1));
		for (const step of steps)
			expect(step.folder).toBe(`${String(step.number).padStart(2, '0')}-${step.slug}`);
		// The site's "Lesson" links go to the first step without loading the lesson.
		expect(FIRST_STEP).toBe(steps[0].slug);
	});

	it('each hold prose, the notebook’s code and a step record, nothing left over', () => {
		expect(Object.keys(TEXTS).sort()).toEqual(steps.map((s) => s.folder));
	});

	it.each(steps.map((s) => [s.slug, s] as const))(
		'%s has prose, notebook code, panels and a real action',
		async (_, step) => {
			const text = TEXTS[step.folder];
			expect(step.title.length).toBeGreaterThan(3);
			expect(text.prose.trim().split(/\s+/).length).toBeGreaterThan(80);
			expect(text.code.trim().length).toBeGreaterThan(20);
			expect(step.notebook.cells).toMatch(/^In \[\d+\]/);
			expect(step.notebook.tfjsNote.length).toBeGreaterThan(20);
			expect(REQUEST_TYPES).toContain(step.action.request);
			const { label } = step.action;
			if (typeof label === 'string') expect(label.length).toBeGreaterThan(5);
			else expect(typeof label).toBe('function');
			expect(typeof step.action.run).toBe('function');
			expect(step.panels.length).toBeGreaterThan(0);
			// Each panel's component is its own import, loaded only on its step's page.
			for (const panel of step.panels) expect(typeof (await panel.load()).default).toBe('function');
		}
	);

	it('name every panel once (its test hook is panel-<id>)', () => {
		const ids = steps.flatMap((s) => s.panels.map((p) => p.id));
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('renders every step’s prose (with its maths) and code to HTML', () => {
		for (const step of steps) {
			const html = renderProse(TEXTS[step.folder].prose);
			expect(html).toContain('<p>');
			expect(html).not.toContain('$$');
			expect(renderPython(TEXTS[step.folder].code)).toContain('hljs-');
		}
	});

	it('says the right thing about MNIST where the notebook was wrong', () => {
		const all = steps.map((s) => TEXTS[s.folder].prose).join('\n');
		expect(all).toMatch(/784/);
		expect(all).toMatch(/28\s*(x|×|\\times)\s*28/);
		// The notebook's wrong numbers may only appear quoted, where the prose corrects them.
		expect(all).not.toMatch(/(?<!")1000 (classes|x 1000)/);
	});
});
