/**
 * Step 13's model and questions. The pad and the Run button read digits with the best model the
 * learner trained in this lesson (highest exact accuracy on the test digits), or the run they
 * chose instead; its trained weights are loaded back into the run when another model is there.
 * Each press of Run asks that model about the next test digit, shown before the press so the
 * learner can predict what it will read.
 */
import type { Digits } from '$lib/engine/protocol';
import { argmax, digitAt } from '$lib/readout';
import type { Mnist } from '../../shared/session';
import type { FinishedRun } from '../../shared/state.svelte';
import { bestRunIndex, nextTestIndex } from './conclusion';

/** What the model said about the digit Run asked it last. */
export interface AskedDigit {
	index: number;
	label: number;
	predicted: number;
	probability: number;
	model: string;
	/** The model's exact accuracy on the 10,000 test digits, when it is one of the lesson's runs. */
	accuracy: number | null;
	trained: boolean;
}

export class ConclusionState {
	/** The run the learner picked to read digits (its place in the lesson's runs); null: the best. */
	choice = $state<number | null>(null);
	/** Which finished run was loaded back into the worker, and the run id it got there. */
	private loaded = $state.raw<{ run: FinishedRun; runId: string } | null>(null);
	/** The test digit the next press asks about, with its pixels. */
	next = $state.raw<{ index: number; label: number; pixels: Uint8Array } | null>(null);
	asked = $state.raw<AskedDigit | null>(null);

	constructor(private readonly lesson: Mnist) {}

	get runs(): FinishedRun[] {
		return this.lesson.shared.runs;
	}

	/** The lesson run that reads the digits: the chosen one, else the best; null before any run. */
	get model(): FinishedRun | null {
		const { runs } = this;
		const i = this.choice !== null && this.choice < runs.length ? this.choice : bestRunIndex(runs);
		return i === null ? null : runs[i];
	}

	get modelIndex(): number | null {
		const model = this.model;
		return model ? this.runs.indexOf(model) : null;
	}

	/** Whether the worker holds `run`'s trained model now. */
	holds(run: FinishedRun): boolean {
		const { runId, position } = this.lesson.run;
		if ((position?.stepsDone ?? -1) !== run.stepsDone) return false;
		return run.runId === runId || (this.loaded?.run === run && this.loaded.runId === runId);
	}

	/** The model's name as the page says it. */
	get modelName(): string {
		const model = this.model;
		if (model) return `“${model.label}”`;
		return (this.lesson.run.position?.stepsDone ?? 0) > 0
			? 'the current model'
			: 'the current model (untrained)';
	}

	/** Loads the chosen (or best) run's weights back into the worker, unless it holds them. */
	async useModel(): Promise<void> {
		const model = this.model;
		const { run, shared } = this.lesson;
		if (!model || !model.weights || this.holds(model) || run.status !== 'idle') return;
		const epochs = model.epochs.at(-1)?.epoch ?? 0;
		if (!(await run.loadModel(model.config, model.weights, epochs))) return;
		this.loaded = { run: model, runId: run.runId };
		shared.clearResults();
	}

	/** Picks the run that reads the digits, loads it, and asks it about the digit shown. */
	async choose(index: number): Promise<void> {
		this.choice = index;
		await this.useModel();
		await this.lesson.shared.predictSelected();
	}

	/** Fetches the digit the next press asks about. */
	async fetchNext(index = nextTestIndex(this.next?.index ?? null, this.avoid())): Promise<void> {
		const digits: Digits | undefined = await this.lesson.run.call('digits', {
			set: 'test',
			indices: [index]
		});
		if (digits) this.next = { index, label: digits.labels[0], pixels: digitAt(digits.pixels, 0) };
	}

	/** Run: the model reads the shown digit; the next one is fetched for the next press. */
	async ask(): Promise<void> {
		await this.useModel();
		if (!this.next) await this.fetchNext();
		const next = this.next;
		if (!next) return;
		const { shared, run } = this.lesson;
		await shared.predictSelected(next.index);
		const digit = shared.digit;
		if (!digit || digit.index !== next.index) return;
		const predicted = argmax(digit.probabilities);
		const model = this.model;
		this.asked = {
			index: digit.index,
			label: digit.label,
			predicted,
			probability: digit.probabilities[predicted],
			model: this.modelName,
			accuracy: model?.epochs.at(-1)?.exactAccuracy ?? null,
			trained: (run.position?.stepsDone ?? 0) > 0
		};
		await this.fetchNext();
	}

	/** The test digits of the lesson's gallery, which the picker already offers. */
	private avoid(): number[] {
		return this.lesson.shared.testGallery?.indices ?? [];
	}

	/** Opening step 13: the model it reads with is loaded and the first digit to ask is shown. */
	ready(): boolean {
		const model = this.model;
		const busy = this.lesson.run.status !== 'idle';
		return busy || ((!model || this.holds(model)) && this.next !== null);
	}

	async prepare(): Promise<void> {
		await this.useModel();
		if (!this.next) await this.fetchNext();
	}
}
