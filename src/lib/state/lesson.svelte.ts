/**
 * The lesson's shared state: one run that every step works on (the weights initialised in step 3
 * predict in step 4, get a gradient in step 6 and are updated in step 7), plus what each step's
 * Run button produced. Lives in the lesson layout, so moving between steps never resets it.
 */
import { getContext, setContext } from 'svelte';
import { PIXELS, type BackendPreference, type RunConfig } from '../engine/config';
import { digitAt } from '../readout';
import type {
	BatchLoss,
	Confusion,
	DataSummary,
	DigitActivations,
	Digits,
	EpochMetrics,
	GradientReport,
	StepReport,
	TensorSnapshot
} from '../engine/protocol';
import type { LessonStep, Need } from '../lesson/types';
import { RunState } from './run.svelte';
import { ReplayState } from './replay.svelte';
// Steps 8 (train) and 9 (accuracy): the training switches and the digits in a confusion cell.
import { cellMembers } from '$content/lessons/01-mnist/steps/09-accuracy/confusion';
import {
	recipeWithSwitches,
	switchesLabel,
	type TrainSwitches
} from '$content/lessons/01-mnist/steps/08-train/switches';
// Steps 10-11 (net, train-net): the net's two training presets.
import { NET_PRESETS, netRecipe, type NetPreset } from '$content/lessons/01-mnist/steps/10-net/net';
// Steps 12-13 (overfitting, conclusion): the small-subset run and what it memorised.
import {
	accuracyOf,
	answers,
	DEFAULT_OVERFIT,
	memorised,
	misclassified,
	overfitLabel,
	overfitRecipe,
	type OverfitDigits,
	type OverfitDraft
} from '$content/lessons/01-mnist/steps/12-overfitting/overfitting';

/** The notebook's recipe for the linear learner. */
export const SEED_RECIPE: RunConfig = {
	model: 'linear',
	lr: 0.1,
	batchSize: 256,
	epochs: 20,
	initStd: 1,
	hidden: 30,
	order: 'sequential',
	seed: 1,
	accuracy: 'seed',
	trainSubset: 0
};

export interface FinishedRun {
	label: string;
	config: RunConfig;
	epochs: EpochMetrics[];
}

export interface StepView {
	/** Weights before the step, the gradients it used, and the weights after it. */
	before: TensorSnapshot[];
	gradients: TensorSnapshot[];
	after: TensorSnapshot[];
	report: StepReport;
}

/** Step 9: one cell of a confusion matrix and the test digits in it. */
export interface ConfusionCell {
	/** The counts this cell belongs to (a newer count makes the cell stale). */
	confusion: Confusion;
	truth: number;
	predicted: number;
	/** How many test digits are in the cell, and the file indices of those fetched. */
	total: number;
	indices: number[];
	digits?: Digits;
}

export class LessonState {
	readonly run = new RunState();
	/** A share link's replay (or shared model); steps prepare the run only after it. */
	readonly replay = new ReplayState(this.run);
	linkOpened: Promise<void> = Promise.resolve();
	/** The backend forced by the URL ("auto" when none was), for share links. */
	backend = $state<BackendPreference>('auto');
	summary = $state.raw<DataSummary | null>(null);
	/** Ten training digits of each class, in class order (100 x 784 bytes). */
	gallery = $state.raw<Digits | null>(null);
	/** Which gallery digit the pixel table and the flatten view show. */
	focus = $state(0);
	/** A few test digits of each class to predict, and the one chosen. */
	testGallery = $state.raw<{ indices: number[]; digits: Digits } | null>(null);
	selectedTest = $state(0);
	digit = $state.raw<DigitActivations | null>(null);
	batchLoss = $state.raw<BatchLoss | null>(null);
	gradient = $state.raw<GradientReport | null>(null);
	stepLr = $state(0.1);
	stepClass = $state(0);
	stepView = $state.raw<StepView | null>(null);
	stepTrace = $state.raw<StepReport[]>([]);
	runs = $state.raw<FinishedRun[]>([]);
	confusion = $state.raw<Confusion | null>(null);
	/** Says what opening a step directly did to prepare the run. */
	notice = $state<string | null>(null);
	working = $state(false);

	// --- Steps 3-5 (init, predict, loss) ---
	/** The init step's form: its Run re-initialises with this std and seed (the notebook: 1, 1). */
	initDraft = $state({ initStd: SEED_RECIPE.initStd, seed: SEED_RECIPE.seed });
	// --- end of steps 3-5 ---

	async start(dataUrl: string, backend: 'auto' | 'webgl' | 'wasm' | 'cpu'): Promise<void> {
		this.backend = backend;
		await this.run.start(backend, dataUrl, SEED_RECIPE);
	}

	get config(): RunConfig {
		return this.run.config ?? SEED_RECIPE;
	}

	/**
	 * What each step's Run button does, by step slug. Each sends the engine request its step
	 * record names (step.action.request), sometimes with others around it.
	 */
	private readonly actions: Record<string, () => Promise<void>> = {
		data: () => this.loadSummary(),
		flatten: () => this.nextFocus(),
		init: () => this.reinitialise({ ...this.config, ...this.initDraft }),
		predict: () => this.predictSelected(),
		loss: () => this.measureBatchLoss(),
		gradient: () => this.computeGradient(),
		step: () => this.stepOnce(),
		train: () => this.trainSwitched(),
		accuracy: () => this.countConfusions(),
		// Part 2 (steps 10-13): the net. Each is replaced by its panel's own action.
		net: () => this.buildNet(),
		'train-net': () => this.trainNetPreset(),
		overfitting: () => this.trainOverfit(),
		conclusion: () => this.predictSelected()
	};

	hasAction(slug: string): boolean {
		return slug in this.actions;
	}

	async runAction(step: LessonStep): Promise<void> {
		const action = this.actions[step.slug];
		if (!action || this.working) return;
		this.working = true;
		this.notice = null; // it described how the step was opened; the learner has moved on
		try {
			await this.run.whenReady();
			await this.linkOpened;
			await action();
		} finally {
			this.working = false;
		}
	}

	/**
	 * Brings the run to what a step needs when it is opened (also directly by its URL), and
	 * says what it did when this is the first step opened. Existing results are kept: moving
	 * between steps never resets the run.
	 */
	async prepare(step: LessonStep): Promise<void> {
		const firstVisit = !this.visited;
		this.visited = true;
		await this.run.whenReady();
		await this.linkOpened;
		const did: string[] = [];
		if (!this.summary) {
			await this.loadSummary();
			did.push('loaded the 70,000 digits');
		}
		const wasWorking = this.working;
		this.working = true; // the Run button waits until the step is ready
		try {
			for (const need of step.needs) {
				const preparation = this.preparations[need];
				if (preparation && !preparation.done()) {
					await preparation.run();
					did.push(preparation.says);
				}
			}
		} finally {
			this.working = wasWorking;
		}
		this.notice =
			firstVisit && did.length > 0 && step.number > 1
				? `To show this step, Digit Lab ${did.join(', ')}, using the run initialised with seed ${this.config.seed}${this.config.model === 'linear' ? ` (std ${this.config.initStd})` : ''}.`
				: null;
	}

	private visited = false;

	private readonly preparations: Partial<
		Record<Need, { done: () => boolean; run: () => Promise<void>; says: string }>
	> = {
		prediction: {
			done: () => this.digit !== null,
			run: () => this.predictSelected(),
			says: 'predicted a test digit'
		},
		batchLoss: {
			done: () => this.batchLoss !== null,
			run: () => this.measureBatchLoss(),
			says: 'measured the loss of the next batch'
		},
		gradient: {
			done: () => this.gradient !== null,
			run: () => this.computeGradient(),
			says: 'computed a gradient on the next batch'
		},
		confusion: {
			done: () => this.confusion !== null,
			run: () => this.countConfusions(),
			says: 'predicted all 10,000 test digits'
		}
	};

	async loadSummary(): Promise<void> {
		const summary = await this.run.call('dataSummary', {});
		if (!summary) return;
		const indices = summary.trainExamples.flat();
		const testIndices = summary.testExamples.flatMap((perClass) => perClass.slice(0, 2));
		const [gallery, tests] = await Promise.all([
			this.run.call('digits', { set: 'train', indices }),
			this.run.call('digits', { set: 'test', indices: testIndices })
		]);
		this.summary = summary;
		this.gallery = gallery ?? null;
		if (tests) {
			this.testGallery = { indices: testIndices, digits: tests };
			if (!testIndices.includes(this.selectedTest)) this.selectedTest = testIndices[0];
		}
	}

	/** The flatten step shows another digit: the next class's first example. */
	async nextFocus(): Promise<void> {
		if (!this.gallery) await this.loadSummary();
		this.focus = (this.focus + 10) % 100;
	}

	/** A new run with these settings: fresh weights, and every result of the old ones cleared. */
	async reinitialise(config: RunConfig): Promise<void> {
		await this.run.applyConfig(config);
		this.digit = this.batchLoss = this.gradient = this.stepView = this.confusion = null;
		this.stepTrace = [];
		await this.predictSelected();
	}

	async predictSelected(index = this.selectedTest): Promise<void> {
		this.selectedTest = index;
		const snapshot = await this.run.call('snapshot', { digit: index });
		if (snapshot?.digit) this.digit = snapshot.digit;
	}

	async measureBatchLoss(): Promise<void> {
		this.batchLoss = (await this.run.call('evaluate', {})) ?? this.batchLoss;
	}

	async computeGradient(): Promise<void> {
		this.gradient = (await this.run.call('gradient', {})) ?? this.gradient;
	}

	async stepOnce(): Promise<void> {
		await this.run.refreshWeights();
		const before = this.run.weights;
		const report = await this.run.call('step', { lr: this.stepLr, report: true });
		const after = await this.run.call('snapshot', { weights: true, gradients: true });
		if (!before || !report || !after?.weights || !after.gradients) return;
		this.run.weights = after.weights;
		this.stepView = { before, gradients: after.gradients, after: after.weights, report };
		this.stepTrace = [...this.stepTrace, report];
		this.gradient = this.batchLoss = this.confusion = null;
		await this.predictSelected();
	}

	/** Trains a fresh run of this recipe for its epochs and adds it to the table of runs. */
	async trainRecipe(config: RunConfig, label: string): Promise<void> {
		await this.reinitialise(config);
		await this.run.train(config.epochs);
		if (this.run.epochs.length === 0) return;
		this.runs = [...this.runs, { label, config, epochs: this.run.epochs }];
		await this.predictSelected();
	}

	async countConfusions(): Promise<void> {
		this.confusion = (await this.run.call('confusion', {})) ?? this.confusion;
	}

	// ── Steps 8 (train) and 9 (accuracy) ──────────────────────────────────────────────────
	/** Step 8's switches; applied to the notebook's recipe they define the next training run. */
	trainSwitches = $state<TrainSwitches>({ shuffle: false, smallInit: false, exactAccuracy: false });
	/** Step 9: the confusion cell the learner opened, with (up to a cap) its test digits. */
	cell = $state.raw<ConfusionCell | null>(null);

	/** The notebook's recipe (with the current run's seed) and the switches that are on. */
	switchedRecipe(): RunConfig {
		return recipeWithSwitches({ ...SEED_RECIPE, seed: this.config.seed }, this.trainSwitches);
	}

	/** Trains the switched recipe and names the run after its switches ("shuffled + std 0.01"). */
	trainSwitched(): Promise<void> {
		return this.trainRecipe(this.switchedRecipe(), switchesLabel(this.trainSwitches));
	}

	/** The panel's "Train with these switches" button: the same as step 8's Run button. */
	async trainWithSwitches(): Promise<void> {
		if (this.working) return;
		this.working = true;
		try {
			await this.run.whenReady();
			await this.trainSwitched();
		} finally {
			this.working = false;
		}
	}

	/** Opens a cell of the confusion matrix: finds its test digits and fetches the first `limit`. */
	async showCell(truth: number, predicted: number, limit = 40): Promise<void> {
		const confusion = this.confusion;
		if (!confusion) return;
		const members = cellMembers(confusion.predictions, confusion.labels, truth, predicted);
		const indices = members.slice(0, limit);
		const opened: ConfusionCell = { confusion, truth, predicted, total: members.length, indices };
		this.cell = opened;
		if (indices.length === 0) return;
		const digits = await this.run.call('digits', { set: 'test', indices });
		// Another cell may have been opened while these were on their way.
		if (digits && this.cell === opened) this.cell = { ...opened, digits };
	}
	// ── end of steps 8 and 9 ───────────────────────────────────────────────────────────────

	// ── Steps 10-11 (net, train-net) ───────────────────────────────────────────────────────
	/** Step 11's chosen preset: the notebook's fastai recipe, or the usual practice. */
	netPreset = $state<NetPreset>('seed');

	/** Step 10's Run: the notebook's simple_net with fresh weights from the current seed. */
	buildNet(): Promise<void> {
		return this.reinitialise({ ...SEED_RECIPE, model: 'mlp', seed: this.config.seed });
	}

	/** Step 11's Run: trains a fresh net with the chosen preset and adds it to the runs. */
	trainNetPreset(): Promise<void> {
		const recipe = netRecipe({ ...SEED_RECIPE, seed: this.config.seed }, this.netPreset);
		return this.trainRecipe(recipe, NET_PRESETS[this.netPreset].label);
	}
	// ── end of steps 10-11 ─────────────────────────────────────────────────────────────────

	// ── Steps 12-13 (overfitting, conclusion) ──────────────────────────────────────────────
	/** Step 12's settings: how many training digits, how many hidden units, how many epochs. */
	overfitDraft = $state<OverfitDraft>({ ...DEFAULT_OVERFIT });
	/** Step 12: what the last finished subset run memorised and what it gets wrong. */
	overfitDigits = $state.raw<OverfitDigits | null>(null);

	/** Step 12's Run: the net on the chosen subset for many epochs, then its digits inspected. */
	async trainOverfit(): Promise<void> {
		const draft = { ...this.overfitDraft };
		const config = overfitRecipe(draft, this.config.seed);
		this.overfitDigits = null;
		await this.trainRecipe(config, overfitLabel(draft));
		if (this.run.epochs.length >= config.epochs) await this.inspectOverfit();
	}

	/** Training digits the net got right with near certainty, and test digits it gets wrong. */
	async inspectOverfit(): Promise<void> {
		const config = this.config;
		if (config.model !== 'mlp' || config.trainSubset <= 0) return;
		const subset = Array.from({ length: config.trainSubset }, (_, i) => i);
		const [train, said] = await Promise.all([
			this.run.call('digits', { set: 'train', indices: subset }),
			this.run.call('classify', { set: 'train', indices: subset })
		]);
		await this.countConfusions();
		const confusion = this.confusion;
		if (!train || !said || !confusion) return;
		const kept = memorised(train.pixels, said.labels, said.predicted, said.confidence);
		const wrong = misclassified(confusion.predictions, confusion.labels);
		const [tests, testSaid] = await Promise.all([
			this.run.call('digits', { set: 'test', indices: wrong }),
			this.run.call('classify', { set: 'test', indices: wrong })
		]);
		if (!tests || !testSaid) return;
		const keptPixels = new Uint8Array(kept.length * PIXELS);
		kept.forEach((i, j) => keptPixels.set(digitAt(train.pixels, i), j * PIXELS));
		this.overfitDigits = {
			config,
			trainAccuracy: accuracyOf(said.predicted, said.labels),
			testAccuracy: confusion.accuracy,
			memorised: answers(subset, keptPixels, said, kept),
			wrong: answers(wrong, tests.pixels, testSaid)
		};
	}
	// ── end of steps 12-13 ─────────────────────────────────────────────────────────────────

	/** "Reset run": back to the notebook's recipe with fresh weights from the chosen seed. */
	async resetRun(seed = this.config.seed): Promise<void> {
		await this.reinitialise({ ...SEED_RECIPE, seed });
	}

	destroy(): void {
		this.run.destroy();
	}
}

const KEY = Symbol('lesson-state');

export function provideLessonState(state: LessonState): LessonState {
	return setContext(KEY, state);
}

export function useLessonState(): LessonState {
	return getContext<LessonState>(KEY);
}
