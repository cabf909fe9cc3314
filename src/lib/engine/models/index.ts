/**
 * The model registry: every generic question about "which model is this" (its tensors, its
 * first layer, its size, its names in the site's sentences) answered from the kinds' records
 * (spec.ts), so that share links, model files, the engine and the page agree by construction.
 * Pure: the page imports this; the engine builds tensors from the same records in build.ts.
 */
import { MODEL_FIELDS, type ModelField, type RunConfig } from '../config';
import { MODEL_SPECS, type ModelKind } from './kinds';
import type { ModelSpec, TensorSpec } from './spec';

export type { ModelKind } from './kinds';
export type { ModelSpec, ModelRecipe, TensorSpec } from './spec';

/** A recipe's model: its kind and the fields that shape it. */
export type ModelChoice = Pick<RunConfig, 'model' | ModelField>;

/** Just the model part of a recipe (its kind and every model field). */
export function modelChoice(recipe: ModelChoice): ModelChoice {
	const choice = { model: recipe.model } as ModelChoice;
	for (const field of MODEL_FIELDS) choice[field] = recipe[field];
	return choice;
}

/** Every kind's name, in the order the site offers them (the recipe schema's model values). */
export const MODEL_KINDS: readonly ModelKind[] = MODEL_SPECS.map((spec) => spec.kind);

export function modelSpec(kind: ModelKind): ModelSpec {
	const spec: ModelSpec | undefined = MODEL_SPECS.find((s) => s.kind === kind);
	if (!spec) throw new Error(`there is no model kind ${JSON.stringify(kind)}`);
	return spec;
}

/** The parameters a recipe's model has, by name and shape, in the model's order. */
export function expectedTensors(recipe: ModelChoice): TensorSpec[] {
	return modelSpec(recipe.model)
		.params(recipe)
		.map(({ name, shape }) => ({ name, shape }));
}

/** Numbers in a tensor of this shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
	return shape.reduce((a, b) => a * b, 1);
}

/** Trainable numbers of a recipe's model: 7,850 for the linear learner, 23,860 for a 30-unit net. */
export function parameterCount(recipe: ModelChoice): number {
	return expectedTensors(recipe).reduce((n, t) => n + sizeOf(t.shape), 0);
}

/** Index, in the model's order, of the parameter that takes the pixels (weights, W1). */
export function firstLayerIndex(recipe: ModelChoice): number {
	const spec = modelSpec(recipe.model);
	const index = expectedTensors(recipe).findIndex((t) => t.name === spec.firstLayer);
	if (index < 0) throw new Error(`the ${spec.kind} model has no parameter ${spec.firstLayer}`);
	return index;
}

/** The first layer's tensor among a model's weights (drawn as one 28x28 map per unit). */
export function firstLayerOf<T extends { name: string }>(kind: ModelKind, weights: readonly T[]) {
	const name = modelSpec(kind).firstLayer;
	return weights.find((w) => w.name === name) ?? null;
}

/**
 * The first layer among weights whose kind is not known (a panel given only the tensors): the
 * tensor named as some kind's first layer, and that kind.
 */
export function firstLayerIn<T extends { name: string }>(
	weights: readonly T[]
): { kind: ModelKind; tensor: T } | null {
	for (const spec of MODEL_SPECS) {
		const tensor = weights.find((w) => w.name === spec.firstLayer);
		if (tensor) return { kind: spec.kind, tensor };
	}
	return null;
}

/** Whether changing this recipe field changes a model of this kind (the form hides it if not). */
export function usesField(kind: ModelKind, field: ModelField): boolean {
	return modelSpec(kind).fields.includes(field);
}

/** The kind after this one, round the list: the "Linear vs net" quick comparison's other run. */
export function nextKind(kind: ModelKind): ModelKind {
	const i = MODEL_KINDS.indexOf(kind);
	return MODEL_KINDS[(i + 1) % MODEL_KINDS.length];
}

/**
 * Every phrasing of "which model is this", for a linear learner | a net of 30 hidden units:
 * short  "linear" | "net"                      buttons
 * noun   "linear learner" | "net"              prose that names the kind only
 * named  "linear learner" | "net (30 hidden units)"   the shelf, the model files panel
 * with   "linear learner" | "net with 30 hidden units"  model file messages
 * recipe "linear learner (initial std 1)" | "net with 30 hidden units"   a link's recipe
 * legend "linear" | "net (30 hidden)"          compare legends
 * slug   "linear" | "net-h30"                  file names
 */
export type ModelLabel = 'short' | 'noun' | 'named' | 'with' | 'recipe' | 'legend' | 'slug';

export function modelLabel(recipe: ModelChoice, form: ModelLabel): string {
	const spec = modelSpec(recipe.model);
	const size = spec.size?.(recipe);
	const init = spec.initWords?.(recipe);
	switch (form) {
		case 'short':
			return spec.short;
		case 'noun':
			return spec.noun;
		case 'named':
			return size ? `${spec.noun} (${size.words})` : spec.noun;
		case 'with':
			return size ? `${spec.noun} with ${size.words}` : spec.noun;
		case 'recipe':
			return `${modelLabel(recipe, 'with')}${init ? ` (${init})` : ''}`;
		case 'legend':
			return size ? `${spec.short} (${size.short})` : spec.short;
		case 'slug':
			return size ? `${spec.short}-${size.slug}` : spec.short;
	}
}
