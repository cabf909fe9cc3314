/**
 * Ready-made step actions. Many a step's Run button does again what opening the step prepared
 * (predict the chosen digit, measure the next batch's loss, compute its gradient): `repeat`
 * makes that action from the preparation, so the two can never drift apart.
 */
import type { RequestType } from '../engine/protocol';
import type { Preparation, SessionRun, StepAction } from './types';

export function repeat<S, R extends SessionRun>(
	need: Preparation<S, R>,
	request: RequestType,
	label: string
): StepAction<S, R> {
	return { request, label, run: (session) => need.run(session) };
}
