/** Which component draws each panel a lesson step names. */
import type { Component } from 'svelte';
import type { PanelId } from '../types';
import Accuracy from './Accuracy.svelte';
import ClassCounts from './ClassCounts.svelte';
import DataGallery from './DataGallery.svelte';
import Flatten from './Flatten.svelte';
import Gradient from './Gradient.svelte';
import Loss from './Loss.svelte';
import PixelTable from './PixelTable.svelte';
import Prediction from './Prediction.svelte';
import StepParams from './StepParams.svelte';
import TrainLinear from './TrainLinear.svelte';
import WeightInit from './WeightInit.svelte';
import NetIntro from './NetIntro.svelte';
import TrainNet from './TrainNet.svelte';
import Overfitting from './Overfitting.svelte';
import Conclusion from './Conclusion.svelte';

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
