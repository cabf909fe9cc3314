/**
 * Every model kind the site offers, in the order it offers them. A new kind (a CNN, say) is one
 * new file in this folder, one entry here, and the panels that draw it.
 */
import { linear } from './linear';
import { mlp } from './mlp';

export const MODEL_SPECS = [linear, mlp] as const;

export type ModelKind = (typeof MODEL_SPECS)[number]['kind'];
