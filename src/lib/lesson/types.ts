/**
 * A lesson is data. Its folder (src/content/lessons/NN-name/) holds a lesson record and one
 * folder per step (steps/NN-slug/) with the step's prose (prose.md), the notebook's code for it
 * (notebook.py), its step record (step.ts) and its own panels. These types are the contract
 * between such a folder and the runtime here, which knows nothing about any particular lesson.
 *
 * `S` is the lesson's shared state (made once per session by the lesson record's `shared`), `R`
 * the run the session drives (the page's RunState; a stand-in in unit tests).
 */
import type { Component } from 'svelte';
import type { BackendPreference, RunConfig } from '../engine/config';
import type { RequestType } from '../engine/protocol';
import type { CardStrip } from '../meta/tags';
import type { LessonSession } from './session.svelte';

/** What the runtime asks of the run: the page passes its RunState. */
export interface SessionRun {
	/** The recipe of the run that exists in the worker, once there is one. */
	readonly config: RunConfig | null;
	start(backend: BackendPreference, dataUrl: string, config: RunConfig): Promise<void>;
	/** Resolves once the worker has loaded the data and the run exists. */
	whenReady(): Promise<void>;
	/** True while a new worker replaces a lost one and the run is brought back into it. */
	readonly restarting: boolean;
	/** Replaces the run with a fresh one of this recipe (new weights). */
	applyConfig(config: RunConfig): Promise<void>;
	destroy(): void;
}

/** Something the run must have before a step's panels make sense, and how to get it. */
export interface Preparation<S, R extends SessionRun = SessionRun> {
	/** Words for the notice when the step was opened directly: "computed a gradient". */
	says: string;
	done(session: LessonSession<S, R>): boolean;
	run(session: LessonSession<S, R>): Promise<void>;
}

/** The step's Run button (the R key runs it too). */
export interface StepAction<S, R extends SessionRun = SessionRun> {
	/** The engine request the action sends (its name in protocol.ts), for readers and tests. */
	request: RequestType;
	/**
	 * The button's words after "Run: ". A function of the session may say what the next press
	 * will do (issue 11's per-press labels go here).
	 */
	label: string | ((session: LessonSession<S, R>) => string);
	run(session: LessonSession<S, R>): Promise<void>;
	/**
	 * One sentence on what the press just showed, read once to screen readers after it
	 * ("Batch 3 of 235: loss 2.41"). Without it they hear "Done: <the button's words>." A
	 * question's reveal, when the press answered one, is read instead.
	 */
	announce?(session: LessonSession<S, R>): string;
}

/**
 * One live panel beside the prose; `id` names its test hook ("panel-<id>"). `load` imports its
 * component (`() => import('./Panel.svelte')`), so a page fetches only its own step's panels: the
 * step page's load awaits them, before the page is prerendered and before it hydrates.
 */
export interface StepPanel {
	id: string;
	load: () => Promise<{ default: Component }>;
}

/**
 * State that only one step uses (its form's draft, its results), made once per session when the
 * session starts and kept while the learner moves between steps. A class, so that its panels and
 * its action can ask the session for the one instance: `session.stepState(TrainSwitchesState)`.
 */
export type StepStateType<S, R extends SessionRun = SessionRun, T = unknown> = new (
	session: LessonSession<S, R>
) => T;

/** State that holds results of the current run: cleared when the run starts afresh. */
export interface HoldsResults {
	clearResults(): void;
}

/** The typed record in a step's step.ts (its default export). */
export interface StepRecord<S, R extends SessionRun = SessionRun> {
	/** The URL segment, /lesson/<slug>; the step's folder is named NN-<slug>. */
	slug: string;
	title: string;
	/** One sentence for search results and link previews (at most 160 characters). */
	summary: string;
	/** What the step's link-preview card pictures (trained weight maps unless it says). */
	preview?: CardStrip;
	/** About the code in notebook.py: the notebook's cell labels and how Digit Lab does the same. */
	notebook: NotebookCells;
	panels: StepPanel[];
	action: StepAction<S, R>;
	/** What opening this step directly prepares, after the lesson's `opening`. */
	needs: Preparation<S, R>[];
	/** This step's own state, if it has any. */
	state?: StepStateType<S, R>;
	/** Predict, then reveal: what the learner is asked before the action runs. */
	question?: StepQuestion<S, R>;
}

/** One answer the learner may pick; `value` is what the run's reveal names as right. */
export interface QuestionChoice {
	value: string;
	label: string;
}

/** The run's own answer to a question: the right choice, and one sentence on why with its numbers. */
export interface QuestionReveal {
	answer: string;
	why: string;
}

/**
 * A predict-then-reveal question: asked before the step's action, answered by the live run after
 * it (never from a fixed key). The learner's guess and the run's answer are kept for the session.
 */
export interface StepQuestion<S, R extends SessionRun = SessionRun> {
	/** The question, the fieldset's legend; it may name the live digit or batch. */
	prompt: string | ((session: LessonSession<S, R>) => string);
	choices:
		readonly QuestionChoice[] | ((session: LessonSession<S, R>) => readonly QuestionChoice[]);
	/** After an action: the run's answer, or null while the run has not answered it. */
	reveal(session: LessonSession<S, R>): QuestionReveal | null;
}

/** What became of one step's question: plain data, so it can be saved with the run. */
export interface QuestionAnswer {
	/** The choice the learner picked (its value), and the words as they read when they picked it. */
	guess: string;
	guessLabel: string;
	prompt: string;
	/** Set when the run answered after an action, then frozen: a later press does not rewrite it. */
	revealed: RevealedAnswer | null;
}

/** What one action did, for the page: the answer it revealed, else what it says it showed. */
export interface ActionResult {
	/** Counts the session's actions, so the same words twice are still two results. */
	id: number;
	/** The step the learner was on. */
	slug: string | null;
	revealed: QuestionAnswer | null;
	says: string;
}

export interface RevealedAnswer extends QuestionReveal {
	answerLabel: string;
	correct: boolean;
}

export interface NotebookCells {
	/** The notebook's cell labels, e.g. "In [18]". */
	cells: string;
	/** One line on how Digit Lab does the same thing in TypeScript / tfjs. */
	tfjsNote: string;
}

/** A step record as the loader found it: its place in the lesson and its folder. */
export interface LessonStep<S, R extends SessionRun = SessionRun> extends StepRecord<S, R> {
	/** 1-based position in the lesson. */
	number: number;
	/** The step's folder name, e.g. "08-train". */
	folder: string;
}

/** The record in a lesson folder's lesson.ts. */
export interface LessonRecord<S, R extends SessionRun = SessionRun> {
	title: string;
	/** The recipe the run starts with, and what "Reset run" goes back to. */
	recipe: RunConfig;
	/** In order, as the step folders' numbers say. */
	steps: LessonStep<S, R>[];
	/** Makes the lesson's shared state (what several steps show) for a new session. */
	shared(session: LessonSession<S, R>): S;
	/** Prepared before any step's own needs, whichever step is opened first. */
	opening?: Preparation<S, R>[];
	/** Called after the run was replaced with fresh weights and the results were cleared. */
	afterNewRun?(session: LessonSession<S, R>): Promise<void>;
}

/** The prose and code of one step, rendered at build time. */
export interface StepText {
	prose: string;
	code: string;
}
