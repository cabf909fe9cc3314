/**
 * The lesson's place as a saved run keeps it: the step the learner was on and their answers to
 * the steps' questions (LessonSession.answers, plain data). Read back checked, so a damaged or
 * older record gives nothing rather than answers that would break a question. Pure.
 */
import type { QuestionAnswer } from '../lesson/types';

export interface LessonPlace {
	/** The slug of the step the learner was on, or null. */
	step: string | null;
	/** By step slug. */
	answers: Record<string, QuestionAnswer>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is string => typeof v === 'string';

function isAnswer(value: unknown): value is QuestionAnswer {
	if (!isObject(value) || ![value.guess, value.guessLabel, value.prompt].every(isText)) {
		return false;
	}
	const r = value.revealed;
	return (
		r === null ||
		(isObject(r) &&
			[r.answer, r.why, r.answerLabel].every(isText) &&
			typeof r.correct === 'boolean')
	);
}

/** A saved lesson place, or null when there is none or it does not read as one. */
export function readLessonPlace(value: unknown): LessonPlace | null {
	if (!isObject(value) || !isObject(value.answers)) return null;
	const step = isText(value.step) ? value.step : null;
	const answers: Record<string, QuestionAnswer> = {};
	for (const [slug, answer] of Object.entries(value.answers)) {
		if (isAnswer(answer)) answers[slug] = answer;
	}
	return { step, answers };
}
