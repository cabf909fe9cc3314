/**
 * This lesson's words for the runtime's generic types: its session (the run plus MnistShared),
 * its step records and preparations, and how a panel reaches the session.
 */
import { useLesson } from '$lib/lesson/context';
import type { LessonSession } from '$lib/lesson/session.svelte';
import type { LessonRecord, Preparation, StepRecord } from '$lib/lesson/types';
import type { RunState } from '$lib/state/run.svelte';
import type { MnistShared } from './state.svelte';

export type Mnist = LessonSession<MnistShared, RunState>;
export type MnistLesson = LessonRecord<MnistShared, RunState>;
export type MnistStep = StepRecord<MnistShared, RunState>;
export type MnistPreparation = Preparation<MnistShared, RunState>;

/** The lesson session, for a panel of this lesson. */
export function useMnist(): Mnist {
	return useLesson<MnistShared, RunState>();
}
