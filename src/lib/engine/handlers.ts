/**
 * What the worker does for each request: one handler per request type, typed by protocol.ts so
 * that each returns exactly its request's reply. The training state lives in the Session.
 */
import * as tf from '@tensorflow/tfjs';
import { pickDigits, summarise } from '../data/summary';
import { usesNotebookAccuracy, type BackendPreference } from './config';
import { classify, confusion } from './inspect';
import { exportLayersModel, verifyLayersModel } from './layersExport';
import type { BackendInfo, DigitSet, RequestHandlers } from './protocol';
import type { Session } from './session';

export type SelectBackend = (preference: BackendPreference) => Promise<BackendInfo>;

export function createHandlers(session: Session, selectBackend: SelectBackend): RequestHandlers {
	/** The images and labels of one set. */
	const digitSet = async (set: DigitSet) => {
		const data = await session.loadedData();
		return set === 'train'
			? { images: data.trainImages, labels: data.trainLabels }
			: { images: data.testImages, labels: data.testLabels };
	};

	return {
		init: async ({ backend }) => {
			const info = await selectBackend(backend);
			session.announce({ type: 'backend', info });
			return info;
		},
		loadData: ({ dataUrl }) => session.loadData(dataUrl),
		configure: ({ config }) => session.configure(config),
		train: ({ epochs }) => session.train(epochs),
		step: (options) => session.step(options),
		pause: () => session.pause(),
		resume: () => session.resume(),
		reset: () => session.reset(),
		loadWeights: ({ config, weights, epochsDone }) =>
			session.loadWeights(config, weights, epochsDone),
		restore: (saved) => session.restore(saved),
		score: async () => {
			const run = await session.idleRun();
			const valid = await run.validate();
			const notebook = usesNotebookAccuracy(run.config.accuracy);
			return { ...valid, validAccuracy: notebook ? valid.notebookAccuracy : valid.exactAccuracy };
		},
		ping: async () => ({ alive: true }),
		predict: async ({ pixels }) => (await session.ready()).predict(pixels),
		snapshot: async (request) => (await session.ready()).snapshot(request),
		memory: async () => ({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes }),
		dataSummary: async () => summarise(await session.loadedData()),
		digits: async ({ set, indices }) => {
			const { images, labels } = await digitSet(set);
			return pickDigits(images, labels, indices);
		},
		evaluate: async () => (await session.idleRun()).evaluateNext(),
		gradient: async () => (await session.idleRun()).gradientNext(),
		confusion: async () => {
			const { model, dataset } = (await session.idleRun()).inspection;
			return confusion(model, dataset);
		},
		classify: async ({ set, indices }) => {
			const { model } = (await session.idleRun()).inspection;
			const { images, labels } = await digitSet(set);
			return classify(model, images, labels, indices);
		},
		// Safe while training: between batches the history holds plain arrays, and the reply
		// carries copies of them.
		history: async ({ since }) => (await session.ready()).historySince(since),
		exportLayersModel: async ({ weightsName }) => {
			const run = await session.idleRun();
			return exportLayersModel(run.inspection.model, run.config, weightsName);
		},
		verifyLayersModel: async (request) => {
			const { model } = (await session.idleRun()).inspection;
			const { testImages } = await session.loadedData();
			return verifyLayersModel(request, model, testImages, request.count);
		}
	};
}
