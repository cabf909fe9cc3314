/**
 * Predict, then reveal: the pure part of a step's question. The session keeps the answers; this
 * reads a question record (its words may depend on the live run) and, after an action, turns the
 * run's answer into what the learner sees.
 */
import type { LessonSession } from './session.svelte';
import type { LessonStep, QuestionAnswer, QuestionChoice, SessionRun, StepQuestion } from './types';

/** The question's words and choices as they read now. */
export interface AskedQuestion {
	prompt: string;
	choices: readonly QuestionChoice[];
}

export function questionOf<S, R extends SessionRun>(
	step: LessonStep<S, R>
): StepQuestion<S, R> | null {
	return step.question ?? null;
}

export function askQuestion<S, R extends SessionRun>(
	question: StepQuestion<S, R>,
	session: LessonSession<S, R>
): AskedQuestion {
	const { prompt, choices } = question;
	return {
		prompt: typeof prompt === 'function' ? prompt(session) : prompt,
		choices: typeof choices === 'function' ? choices(session) : choices
	};
}

/** The learner's guess, with the question's words as they read now. */
export function guessAnswer<S, R extends SessionRun>(
	question: StepQuestion<S, R>,
	session: LessonSession<S, R>,
	guess: string
): QuestionAnswer {
	const { prompt, choices } = askQuestion(question, session);
	return { guess, guessLabel: labelOf(choices, guess), prompt, revealed: null };
}

/** The guess with the run's answer, or null while the run has not answered the question. */
export function revealAnswer<S, R extends SessionRun>(
	question: StepQuestion<S, R>,
	session: LessonSession<S, R>,
	asked: QuestionAnswer
): QuestionAnswer | null {
	const reveal = question.reveal(session);
	if (!reveal) return null;
	const { choices } = askQuestion(question, session);
	return {
		...asked,
		revealed: {
			...reveal,
			answerLabel: labelOf(choices, reveal.answer),
			correct: asked.guess === reveal.answer
		}
	};
}

function labelOf(choices: readonly QuestionChoice[], value: string): string {
	return choices.find((c) => c.value === value)?.label ?? value;
}

/** The reveal in words: "Right." or "Not this time.", then what was said and why. */
export function revealWords(answer: QuestionAnswer): { verdict: string; detail: string } | null {
	const { revealed } = answer;
	if (!revealed) return null;
	return {
		verdict: revealed.correct ? 'Right.' : 'Not this time.',
		detail: `You said ${answer.guessLabel}; the run says ${revealed.answerLabel}. ${revealed.why}`
	};
}

/** What the page's live region reads after an action: the reveal, else what the action showed. */
export function resultWords(result: { revealed: QuestionAnswer | null; says: string }): string {
	const words = result.revealed ? revealWords(result.revealed) : null;
	return words ? `${words.verdict} ${words.detail}` : result.says;
}
