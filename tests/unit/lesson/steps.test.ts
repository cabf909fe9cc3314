import { describe, expect, it } from 'vitest';
import { STEPS } from '$content/lessons/01-mnist/lesson';
import { REQUEST_TYPES } from '$lib/engine/protocol';
import { PANEL_IDS } from '$lib/lesson/types';
import { renderProse, renderPython } from '$lib/lesson/render.server';

describe('lesson step records', () => {
	it('number the steps 1..n with unique URL slugs', () => {
		expect(STEPS.map((s) => s.number)).toEqual(STEPS.map((_, i) => i + 1));
		expect(new Set(STEPS.map((s) => s.slug)).size).toBe(STEPS.length);
		for (const step of STEPS) expect(step.slug).toMatch(/^[a-z][a-z-]*$/);
	});

	it.each(STEPS.map((s) => [s.slug, s] as const))(
		'%s has prose, seed code and a real action',
		(_, step) => {
			expect(step.title.length).toBeGreaterThan(3);
			expect(step.prose.trim().split(/\s+/).length).toBeGreaterThan(80);
			expect(step.seed.code.trim().length).toBeGreaterThan(20);
			expect(step.seed.cells).toMatch(/^In \[\d+\]/);
			expect(step.seed.tfjsNote.length).toBeGreaterThan(20);
			expect(REQUEST_TYPES).toContain(step.action.request);
			expect(step.action.label.length).toBeGreaterThan(5);
			expect(step.panels.length).toBeGreaterThan(0);
			for (const panel of step.panels) expect(PANEL_IDS).toContain(panel);
		}
	);

	it('renders every step’s prose (with its maths) and code to HTML', () => {
		for (const step of STEPS) {
			const html = renderProse(step.prose);
			expect(html).toContain('<p>');
			expect(html).not.toContain('$$');
			expect(renderPython(step.seed.code)).toContain('hljs-');
		}
	});

	it('says the right thing about MNIST where the notebook was wrong', () => {
		const all = STEPS.map((s) => s.prose).join('\n');
		expect(all).toMatch(/784/);
		expect(all).toMatch(/28\s*(x|×|\\times)\s*28/);
		// The notebook's wrong numbers may only appear quoted, where the prose corrects them.
		expect(all).not.toMatch(/(?<!")1000 (classes|x 1000)/);
	});
});

describe('the lesson state behind the steps', () => {
	it('has a Run action for every step', async () => {
		const { LessonState } = await import('$lib/state/lesson.svelte');
		const lesson = new LessonState();
		for (const step of STEPS) expect(lesson.hasAction(step.slug), step.slug).toBe(true);
	});
});
