/**
 * One learner's pass through a lesson: the run every step works on (the weights initialised in
 * one step predict in the next, get a gradient, are stepped), the lesson's shared state, each
 * step's own state, and what the Run button and opening a step do. Driven entirely by the lesson
 * and step records: nothing here knows which lesson it is. Lives in the lesson layout, so moving
 * between steps never resets it.
 */
import { untrack } from 'svelte';
import { usesField } from '../engine/models';
import type { BackendPreference, RunConfig } from '../engine/config';
import type { RunState } from '../state/run.svelte';
import { guessAnswer, questionOf, revealAnswer } from './questions';
import type {
	ActionResult,
	HoldsResults,
	LessonRecord,
	LessonStep,
	Preparation,
	QuestionAnswer,
	SessionRun,
	StepStateType
} from './types';

export class LessonSession<S, R extends SessionRun = RunState> {
	readonly run: R;
	/** The lesson's shared state, made by its record. */
	readonly shared: S;
	/** A share link's replay (or shared model): steps prepare the run only after it. */
	linkOpened: Promise<void> = Promise.resolve();
	/** The backend forced by the URL ("auto" when none was), for share links. */
	backend = $state<BackendPreference>('auto');
	/** Says what opening a step directly did to prepare the run. */
	notice = $state<string | null>(null);
	/** True while opening a step directly prepares the run (the notice will say how). */
	preparing = $state(false);
	/** True while an action runs. */
	private acting = $state(false);
	/**
	 * How many step preparations are under way (waiting for the run to be ready, then meeting
	 * the lesson's and the step's needs). A count, not a flag: a quick
	 * move to the next step starts its preparation before the last one has ended, and a flag
	 * saved and restored around each would end up stuck on (the Run button busy for good).
	 */
	private meetingNeeds = $state(0);
	/**
	 * True while an action or a preparation runs, or a new worker brings the run back after the
	 * last was lost (whenReady has long resolved then: a press would act on a half-restored run).
	 * The Run button waits.
	 */
	get working(): boolean {
		return this.acting || this.meetingNeeds > 0 || this.run.restarting;
	}
	/** The step the learner is on (the last one prepared). */
	current = $state.raw<LessonStep<S, R> | null>(null);
	/** The learner's answers to the steps' questions, by step slug (kept across steps). */
	answers = $state.raw<Record<string, QuestionAnswer>>({});
	/** A teacher's link may turn the questions off. */
	questionsHidden = $state(false);
	/** What the last action did, for the page's one live region and its focus (see ActionResult). */
	lastResult = $state.raw<ActionResult | null>(null);

	private visited = false;
	private actions = 0;
	/** Each step's own state, by its class: made once, kept for the session. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- filled once; its values are the reactive state
	private readonly stepStates = new Map<StepStateType<S, R>, unknown>();

	constructor(
		readonly lesson: LessonRecord<S, R>,
		run: R
	) {
		this.run = run;
		this.shared = lesson.shared(this);
		for (const step of lesson.steps) if (step.state) this.stepState(step.state);
	}

	get steps(): LessonStep<S, R>[] {
		return this.lesson.steps;
	}

	stepBySlug(slug: string | undefined): LessonStep<S, R> | undefined {
		return this.lesson.steps.find((step) => step.slug === slug);
	}

	/** The recipe of the run, or the lesson's while the run is starting. */
	get config(): RunConfig {
		return this.run.config ?? this.lesson.recipe;
	}

	/** Starts the run with the lesson's recipe; call from onMount. */
	async start(dataUrl: string, backend: BackendPreference): Promise<void> {
		this.backend = backend;
		await this.run.start(backend, dataUrl, this.lesson.recipe);
	}

	/** The one instance of a step's own state. */
	stepState<T>(type: StepStateType<S, R, T>): T {
		if (!this.stepStates.has(type)) this.stepStates.set(type, new type(this));
		return this.stepStates.get(type) as T;
	}

	/** The Run button's words for a step, now. */
	actionLabel(step: LessonStep<S, R>): string {
		const { label } = step.action;
		return typeof label === 'function' ? label(this) : label;
	}

	/**
	 * Runs `work` once the run is ready, unless something else is running: the Run button and a
	 * panel's own buttons go through here, so two actions never overlap. Afterwards the step's
	 * question is answered (when the learner guessed) and `lastResult` says what happened: the
	 * reveal, else `says()` (one sentence on what the action showed), for screen readers.
	 */
	async act(work: () => Promise<void>, says?: () => string): Promise<void> {
		if (this.working) return;
		this.acting = true;
		try {
			await this.run.whenReady();
			await this.linkOpened;
			await work();
			const step = this.current;
			const revealed = this.revealAnswer(step);
			this.lastResult = {
				id: ++this.actions,
				slug: step?.slug ?? null,
				revealed,
				says: says?.() ?? ''
			};
		} finally {
			this.acting = false;
		}
	}

	/** The step's question, unless it has none or a teacher turned the questions off. */
	question(step: LessonStep<S, R>) {
		return this.questionsHidden ? null : questionOf(step);
	}

	/** True once the learner predicted the step's question and the run answered it. */
	answered(step: LessonStep<S, R>): boolean {
		return this.question(step) !== null && Boolean(this.answers[step.slug]?.revealed);
	}

	/** The learner's guess, before the run answers (a guess after the reveal changes nothing). */
	guess(step: LessonStep<S, R>, value: string): void {
		const question = this.question(step);
		if (!question || this.answers[step.slug]?.revealed) return;
		this.answers = { ...this.answers, [step.slug]: guessAnswer(question, this, value) };
	}

	/** Forgets the step's answer, so the learner can predict the next press. */
	askAgain(step: LessonStep<S, R>): void {
		const { [step.slug]: _, ...rest } = this.answers;
		this.answers = rest;
	}

	/**
	 * After an action on `step`: the run's answer to the learner's guess, once, frozen from then
	 * on. Without a guess nothing is revealed: the question waits for the next press. Returns the
	 * answer when this action revealed it.
	 */
	private revealAnswer(step: LessonStep<S, R> | null): QuestionAnswer | null {
		const asked = step ? this.answers[step.slug] : undefined;
		const question = step ? this.question(step) : null;
		if (!step || !asked || asked.revealed || !question) return null;
		const answer = revealAnswer(question, this, asked);
		if (answer) this.answers = { ...this.answers, [step.slug]: answer };
		return answer;
	}

	/** What the step's Run button does (the current step's when none is named). */
	runAction(step: LessonStep<S, R> | null = this.current): Promise<void> {
		if (!step || this.working) return Promise.resolve();
		this.notice = null; // it described how the step was opened; the learner has moved on
		// The button's words as pressed: a label that names the next press changes afterwards.
		const label = this.actionLabel(step);
		const says = () => step.action.announce?.(this) ?? `Done: ${label}.`;
		return this.act(() => step.action.run(this), says);
	}

	/**
	 * Brings the run to what a step needs when it is opened (also directly by its URL), and says
	 * what it did when this is the first step opened. Existing results are kept: moving between
	 * steps never resets the run.
	 */
	async prepare(step: LessonStep<S, R>): Promise<void> {
		this.current = step;
		const firstVisit = !this.visited;
		this.visited = true;
		const needs = [...(this.lesson.opening ?? []), ...step.needs];
		// The page keeps the notice's place while it is prepared: nothing moves when it arrives.
		// (untracked: the page calls this from an effect, which must not rerun as the needs are met)
		this.preparing =
			firstVisit && step.number > 1 && untrack(() => needs.some((need) => !need.done(this)));
		// The Run button waits from the moment the step opens until it is ready: counted only
		// from the needs on, it looked ready between the data arriving and the run being ready,
		// then went busy, and a press in that gap was dropped. (untracked, as above: a count
		// read by the page's effect would prepare the step again at every change)
		untrack(() => this.meetingNeeds++);
		const did: string[] = [];
		try {
			await this.run.whenReady();
			await this.linkOpened;
			await this.meet(this.lesson.opening ?? [], did);
			await this.meet(step.needs, did);
		} finally {
			this.meetingNeeds--;
			this.preparing = false;
		}
		this.notice = firstVisit && did.length > 0 && step.number > 1 ? this.preparedNotice(did) : null;
	}

	/** A new run with this recipe: fresh weights, and every result of the old ones cleared. */
	async reinitialise(config: RunConfig): Promise<void> {
		await this.run.applyConfig(config);
		for (const state of [this.shared, ...this.stepStates.values()]) {
			if (holdsResults(state)) state.clearResults();
		}
		await this.lesson.afterNewRun?.(this);
	}

	/** "Reset run": back to the lesson's recipe with fresh weights from the chosen seed. */
	resetRun(seed = this.config.seed): Promise<void> {
		return this.reinitialise({ ...this.lesson.recipe, seed });
	}

	destroy(): void {
		this.run.destroy();
	}

	private async meet(needs: Preparation<S, R>[], did: string[]): Promise<void> {
		for (const need of needs) {
			if (need.done(this)) continue;
			await need.run(this);
			did.push(need.says);
		}
	}

	private preparedNotice(did: string[]): string {
		const { seed, model, initStd } = this.config;
		const std = usesField(model, 'initStd') ? ` (std ${initStd})` : '';
		return `To show this step, Digit Lab ${did.join(', ')}, using the run initialised with seed ${seed}${std}.`;
	}
}

function holdsResults(state: unknown): state is HoldsResults {
	return (
		typeof state === 'object' &&
		state !== null &&
		typeof (state as Partial<HoldsResults>).clearResults === 'function'
	);
}
