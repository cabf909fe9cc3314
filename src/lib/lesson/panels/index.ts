/** Which component draws each panel a lesson step names. */
import type { Component } from 'svelte';
import type { PanelId } from '../types';
import Accuracy from '$content/lessons/01-mnist/steps/09-accuracy/Accuracy.svelte';
import ClassCounts from '$content/lessons/01-mnist/steps/01-data/ClassCounts.svelte';
import DataGallery from '$content/lessons/01-mnist/steps/01-data/DataGallery.svelte';
import Flatten from '$content/lessons/01-mnist/steps/02-flatten/Flatten.svelte';
import Gradient from '$content/lessons/01-mnist/steps/06-gradient/Gradient.svelte';
import Loss from '$content/lessons/01-mnist/steps/05-loss/Loss.svelte';
import PixelTable from '$content/lessons/01-mnist/steps/01-data/PixelTable.svelte';
import Prediction from '$content/lessons/01-mnist/steps/04-predict/Prediction.svelte';
import StepParams from '$content/lessons/01-mnist/steps/07-step/StepParams.svelte';
import TrainLinear from '$content/lessons/01-mnist/steps/08-train/TrainLinear.svelte';
import WeightInit from '$content/lessons/01-mnist/steps/03-init/WeightInit.svelte';
import NetIntro from '$content/lessons/01-mnist/steps/10-net/NetIntro.svelte';
import TrainNet from '$content/lessons/01-mnist/steps/11-train-net/TrainNet.svelte';
import Overfitting from '$content/lessons/01-mnist/steps/12-overfitting/Overfitting.svelte';
import Conclusion from '$content/lessons/01-mnist/steps/13-conclusion/Conclusion.svelte';

export const PANELS: Record<PanelId, Component> = {
	dataGallery: DataGallery,
	pixelTable: PixelTable,
	classCounts: ClassCounts,
	flatten: Flatten,
	weightInit: WeightInit,
	prediction: Prediction,
	loss: Loss,
	gradient: Gradient,
	stepParams: StepParams,
	trainLinear: TrainLinear,
	accuracy: Accuracy,
	netIntro: NetIntro,
	trainNet: TrainNet,
	overfitting: Overfitting,
	conclusion: Conclusion
};
