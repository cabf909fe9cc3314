import { describe, expect, it } from 'vitest';
import { repeat } from '$lib/lesson/actions';
import { collectSteps, collectTexts, stepFolder } from '$lib/lesson/load';
import { resultWords, revealWords } from '$lib/lesson/questions';
import { LessonSession } from '$lib/lesson/session.svelte';
import type { Preparation, StepRecord } from '$lib/lesson/types';
import fixture, { FIXTURE_TEXTS } from './fixture/lesson';
import { answered, FakeRun, RECIPE, type Counter } from './fixture/shared';
import { Presses } from './fixture/steps/9-count/step';

/** A promise the test opens when it chooses. */
function gate() {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

function openSession() {
	const run = new FakeRun();
	return { run, session: new LessonSession(fixture, run) };
}

describe('loading a lesson folder', () => {
	it('finds its steps by glob and orders them by their folders’ numbers (9 before 10)', () => {
		expect(fixture.steps.map((s) => [s.number, s.folder, s.slug])).toEqual([
			[1, '9-count', 'count'],
			[2, '10-double', 'double']
		]);
	});

	it('reads each step’s prose and notebook code by folder', () => {
		expect(FIXTURE_TEXTS['9-count']).toEqual({
			prose: 'Counting **one** up.\n',
			code: 'count += 1\n'
		});
		expect(Object.keys(FIXTURE_TEXTS).sort()).toEqual(['10-double', '9-count']);
	});

	it('refuses a folder whose name does not match its record, and numbers used twice', () => {
		const record = { ...fixture.steps[0], slug: 'count' } as StepRecord<Counter, FakeRun>;
		expect(() => collectSteps({ './steps/3-other/step.ts': { default: record } })).toThrow(
			/"other", the record "count"/
		);
		expect(() =>
			collectSteps({
				'./steps/1-count/step.ts': { default: record },
				'./steps/01-count/step.ts': { default: record }
			})
		).toThrow(/two steps are numbered 1/);
		expect(() => stepFolder('./steps/count/step.ts')).toThrow(/NN-slug/);
		expect(() => collectTexts({}, { './steps/1-a/notebook.py': 'x' })).toThrow(/no prose.md/);
	});
});

describe('a session of the fixture lesson', () => {
	it('starts the run with the lesson’s recipe and makes the shared and step states once', async () => {
		const { run, session } = openSession();
		await session.start('/data', 'cpu');
		expect(run.started).toBe(1);
		expect(run.config).toEqual(RECIPE);
		expect(session.backend).toBe('cpu');
		expect(session.config.seed).toBe(7);
		expect(session.stepState(Presses)).toBe(session.stepState(Presses));
	});

	it('prepares a step opened directly: the opening, then its needs, and says what it did', async () => {
		const { session } = openSession();
		const double = session.stepBySlug('double')!;
		const preparing = session.prepare(double);
		// Its notice's place is kept from the start, while the run is prepared.
		expect(session.preparing).toBe(true);
		await preparing;
		expect(session.preparing).toBe(false);
		expect(session.shared.warmed).toBe(true);
		expect(session.shared.lastAnswer).toBe(0);
		expect(session.current).toBe(double);
		expect(session.notice).toBe(
			'To show this step, Digit Lab warmed up, answered once, using the run initialised with seed 7 (std 1).'
		);
		// Opening another step later says nothing: moving between steps is not a direct open.
		await session.prepare(session.stepBySlug('count')!);
		expect(session.notice).toBeNull();
	});

	it('runs the steps’ actions in turn, keeping their state between steps', async () => {
		const { session } = openSession();
		const [count, double] = session.steps;
		expect(session.actionLabel(count)).toBe('Add one to 0');
		await session.runAction(count);
		await session.runAction(count);
		await session.runAction(double);
		expect(session.shared.value).toBe(4);
		expect(session.stepState(Presses).count).toBe(2);
		expect(session.actionLabel(count)).toBe('Add one to 4');
		// With no step named, the Run button acts for the current step.
		await session.prepare(count);
		await session.runAction();
		expect(session.shared.value).toBe(5);
		expect(session.working).toBe(false);
	});

	it('lets only one action run at a time', async () => {
		const { session } = openSession();
		let release = () => {};
		const slow = session.act(() => new Promise<void>((resolve) => (release = resolve)));
		await Promise.resolve();
		expect(session.working).toBe(true);
		await session.runAction(session.steps[0]);
		expect(session.shared.value).toBe(0);
		release();
		await slow;
		expect(session.working).toBe(false);
	});

	it('is free again after two preparations overlap, whichever ends first', async () => {
		// A quick move on to the next step starts its preparation before the last one has ended.
		for (const endsFirst of ['earlier', 'later'] as const) {
			const { session } = openSession();
			const waitFor = (g: ReturnType<typeof gate>): Preparation<Counter, FakeRun> => ({
				says: 'waited',
				done: () => false,
				run: () => g.opened
			});
			const [count, double] = session.steps;
			const earlier = gate();
			const later = gate();
			const preparing = [
				session.prepare({ ...count, needs: [waitFor(earlier)] }),
				session.prepare({ ...double, needs: [waitFor(later)] })
			];
			await new Promise((resolve) => setTimeout(resolve, 0));
			expect(session.working).toBe(true);
			const [first, second] = endsFirst === 'earlier' ? [0, 1] : [1, 0];
			[earlier, later][first].open();
			await preparing[first];
			// One preparation still meets its step's needs: the Run button still waits...
			expect(session.working, `${endsFirst} ends first`).toBe(true);
			[earlier, later][second].open();
			await preparing[second];
			// ...and is free once both have ended (a saved-and-restored flag stayed on for good).
			expect(session.working, `${endsFirst} ends first`).toBe(false);
			await session.runAction(double);
			expect(session.lastResult?.says).toMatch(/^Done: Double the count/);
		}
	});

	it('waits while the lesson’s opening needs run, not only the step’s own', async () => {
		// A press in between was dropped: the button looked ready, then went busy (CI saw it).
		const { open, opened } = gate();
		const opening: Preparation<Counter, FakeRun> = {
			says: 'opened',
			done: () => false,
			run: () => opened
		};
		const session = new LessonSession({ ...fixture, opening: [opening] }, new FakeRun());
		const preparing = session.prepare(session.steps[0]);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(session.working).toBe(true);
		await session.runAction(session.steps[0]);
		expect(session.shared.value).toBe(0);
		open();
		await preparing;
		expect(session.working).toBe(false);
	});

	it('waits from the moment a step opens, while the run gets ready, not only once it is', async () => {
		// The data arrived (the run looked ready) before the run was: a press in that gap was dropped.
		const ready = gate();
		const run = new FakeRun();
		run.whenReady = () => ready.opened;
		const session = new LessonSession(fixture, run);
		const preparing = session.prepare(session.steps[0]);
		expect(session.working).toBe(true);
		ready.open();
		await preparing;
		expect(session.working).toBe(false);
		await session.runAction(session.steps[0]);
		expect(session.shared.value).toBe(1);
	});

	it('waits while a new worker brings the run back after the last was lost', async () => {
		const { run, session } = openSession();
		await session.prepare(session.steps[0]);
		run.restarting = true;
		expect(session.working).toBe(true);
		await session.runAction(session.steps[0]);
		expect(session.shared.value).toBe(0);
		run.restarting = false;
		expect(session.working).toBe(false);
		await session.runAction(session.steps[0]);
		expect(session.shared.value).toBe(1);
	});

	it('a new run clears every result and tells the lesson; Reset run goes back to its recipe', async () => {
		const { run, session } = openSession();
		session.shared.lastAnswer = 3;
		await session.reinitialise({ ...RECIPE, lr: 0.1 });
		expect(session.shared.lastAnswer).toBeNull();
		expect(session.shared.newRuns).toBe(1);
		await session.resetRun(11);
		expect(run.applied.at(-1)).toEqual({ ...RECIPE, seed: 11 });
		session.destroy();
		expect(run.destroyed).toBe(true);
	});
});

describe('ready-made actions', () => {
	it('repeat runs a preparation again as a step’s action', async () => {
		const { session } = openSession();
		const action = repeat(answered, 'evaluate', 'Answer again');
		expect(action).toMatchObject({ request: 'evaluate', label: 'Answer again' });
		session.shared.value = 6;
		await action.run(session);
		expect(session.shared.lastAnswer).toBe(6);
	});
});

describe('predict, then reveal', () => {
	it('reveals the run’s answer to the learner’s guess after the action, once', async () => {
		const { session } = openSession();
		await session.start('/data', 'cpu');
		const [count, double] = fixture.steps;
		await session.prepare(count);
		expect(session.question(count)).not.toBeNull();
		expect(session.question(double)).toBeNull();

		session.guess(count, 'even');
		expect(session.answers.count).toEqual({
			guess: 'even',
			guessLabel: 'even',
			prompt: 'Will the count be even after adding one to 0?',
			revealed: null
		});
		await session.runAction(count);
		expect(session.answers.count.revealed).toEqual({
			answer: 'odd',
			why: 'The count is now 1.',
			answerLabel: 'odd',
			correct: false
		});
		expect(session.answers.count.prompt).toBe('Will the count be even after adding one to 0?');

		// Frozen: another press and another guess do not rewrite what the learner read.
		session.guess(count, 'odd');
		await session.runAction(count);
		expect(session.answers.count.revealed?.why).toBe('The count is now 1.');

		// Kept while the learner moves to another step and back.
		await session.prepare(double);
		await session.prepare(count);
		expect(session.answers.count.revealed?.correct).toBe(false);

		// Ask again: the next press answers the next guess.
		session.askAgain(count);
		expect(session.answers.count).toBeUndefined();
		session.guess(count, 'odd');
		await session.runAction(count);
		expect(session.answers.count.revealed).toMatchObject({ answer: 'odd', correct: true });
	});

	it('reveals nothing without a guess, and nothing when a teacher turned questions off', async () => {
		const { session } = openSession();
		await session.start('/data', 'cpu');
		const [count] = fixture.steps;
		await session.prepare(count);
		await session.runAction(count);
		expect(session.answers).toEqual({});

		session.questionsHidden = true;
		expect(session.question(count)).toBeNull();
		session.guess(count, 'even');
		await session.runAction(count);
		expect(session.answers).toEqual({});
	});

	it('marks a step answered once the run revealed the learner’s guess, kept across steps', async () => {
		const { session } = openSession();
		await session.start('/data', 'cpu');
		const [count, double] = fixture.steps;
		await session.prepare(count);
		expect(session.answered(count)).toBe(false);
		session.guess(count, 'odd');
		expect(session.answered(count)).toBe(false); // a guess alone is not an answer yet
		await session.runAction(count);
		expect(session.answered(count)).toBe(true);
		await session.prepare(double);
		expect(session.answered(count)).toBe(true);
		expect(session.answered(double)).toBe(false); // it asks nothing
		session.questionsHidden = true;
		expect(session.answered(count)).toBe(false);
	});
});

describe('what an action says afterwards', () => {
	it('counts actions and names the reveal when the press answered the question', async () => {
		const { session } = openSession();
		await session.start('/data', 'cpu');
		const [count, double] = fixture.steps;
		await session.prepare(count);
		await session.runAction(count);
		expect(session.lastResult).toEqual({
			id: 1,
			slug: 'count',
			revealed: null,
			says: 'Done: Add one to 0.'
		});
		session.guess(count, 'even');
		await session.runAction(count);
		const result = session.lastResult!;
		expect(result.id).toBe(2);
		expect(result.revealed?.revealed).toMatchObject({ answer: 'even', correct: true });
		expect(resultWords(result)).toBe(
			'Right. You said even; the run says even. The count is now 2.'
		);
		// Another press of the answered question says what the action did, not the reveal again.
		await session.prepare(double);
		await session.runAction(double);
		expect(session.lastResult).toMatchObject({ id: 3, slug: 'double', revealed: null });
		expect(resultWords(session.lastResult!)).toBe('Done: Double the count.');
	});

	it('uses the step’s own sentence when it has one, and a panel’s when it gives one', async () => {
		const { session } = openSession();
		await session.start('/data', 'cpu');
		const [count] = fixture.steps;
		await session.prepare(count);
		const step = { ...count, action: { ...count.action, announce: () => 'Counted to one.' } };
		await session.runAction(step);
		expect(session.lastResult?.says).toBe('Counted to one.');
		await session.act(
			async () => {},
			() => 'The panel redrew.'
		);
		expect(session.lastResult).toMatchObject({ id: 2, says: 'The panel redrew.' });
		await session.act(async () => {});
		expect(session.lastResult).toMatchObject({ id: 3, says: '' });
	});

	it('words a reveal: right or not, what the learner said, what the run says and why', () => {
		const base = { guess: 'a', guessLabel: 'A', prompt: 'Which?' };
		expect(revealWords({ ...base, revealed: null })).toBeNull();
		expect(
			revealWords({
				...base,
				revealed: { answer: 'b', answerLabel: 'B', why: 'It was 3.', correct: false }
			})
		).toEqual({ verdict: 'Not this time.', detail: 'You said A; the run says B. It was 3.' });
	});
});
