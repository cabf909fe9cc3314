/**
 * The lesson session is shared through Svelte context: the lesson layout provides it, the step
 * page, the run bar and every step's panels read it. (No module singleton: each page load gets
 * its own session.)
 */
import { getContext, setContext } from 'svelte';
import type { RunState } from '../state/run.svelte';
import type { LessonSession } from './session.svelte';
import type { SessionRun } from './types';

const KEY = Symbol('lesson-session');

export function provideLesson<S, R extends SessionRun = RunState>(
	session: LessonSession<S, R>
): LessonSession<S, R> {
	return setContext(KEY, session);
}

/** The session of the lesson this component is in; `S` is the caller's word for its state. */
export function useLesson<S, R extends SessionRun = RunState>(): LessonSession<S, R> {
	return getContext<LessonSession<S, R>>(KEY);
}
