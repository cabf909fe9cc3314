/**
 * Keeps the learner's place in a lesson with its run: the step they are on and their answers to
 * the questions are saved with the run (after each action and when they change, once the page is
 * idle), come back with
 * it (answers restored, the saved step offered as a link), and go with Start fresh. Call once
 * from the lesson layout's script (it sets up an $effect).
 */
import { untrack } from 'svelte';
import type { LessonSession } from '../lesson/session.svelte';
import type { LessonStep } from '../lesson/types';
import { readLessonPlace, type LessonPlace } from '../persist/lessonPlace';
import type { RunState } from './run.svelte';

export class KeptPlace<S> {
	/** The step the restored run was saved on, when it still exists. */
	savedStep = $state.raw<LessonStep<S, RunState> | null>(null);
}

export function keepLessonPlace<S>(lesson: LessonSession<S, RunState>): KeptPlace<S> {
	const kept = new KeptPlace<S>();
	const run = lesson.run;
	run.lessonPlace = (): LessonPlace => ({
		step: lesson.current?.slug ?? null,
		answers: lesson.answers
	});
	run.onRestored = (record) => {
		const place = readLessonPlace(record.lesson);
		if (!place) return;
		lesson.answers = place.answers;
		kept.savedStep = lesson.stepBySlug(place.step ?? undefined) ?? null;
	};
	run.onFresh = async () => {
		lesson.answers = {};
		kept.savedStep = null;
		await lesson.resetRun(lesson.lesson.recipe.seed);
	};
	$effect(() => {
		// After an action, a new answer or another step: save (answers are worth keeping even
		// before any training).
		const answered = Object.keys(lesson.answers).length > 0;
		void lesson.current;
		if (!lesson.working) untrack(() => run.saveNow(answered));
	});
	return kept;
}
