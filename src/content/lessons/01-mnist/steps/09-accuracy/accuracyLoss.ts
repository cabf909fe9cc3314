/**
 * Why accuracy is for people and loss is for training: two predictions for the same digit that
 * accuracy scores the same and the loss tells apart.
 */
import { argmax, crossEntropy } from '$lib/readout';

export interface ScoredPrediction {
	/** The model's probability for each digit; they sum to 1. */
	probabilities: number[];
	label: number;
	/** The digit with the highest probability: what the model answers. */
	predicted: number;
	/** Accuracy of this one prediction: 1 if the answer is the label, else 0. */
	accuracy: 0 | 1;
	/** Cross-entropy: -ln p(label). */
	loss: number;
}

/**
 * A prediction with probability `pTrue` on `label`; most of the rest goes to `rival` (the digit
 * it is most easily taken for) and the remainder is shared evenly by the other digits.
 */
export function predictionWith(
	pTrue: number,
	label: number,
	rival: number,
	classes = 10,
	rivalShare = 0.8
): ScoredPrediction {
	if (!(pTrue > 0 && pTrue <= 1)) throw new RangeError(`p(true) must be in (0, 1], got ${pTrue}`);
	const rest = 1 - pTrue;
	const others = classes - 2;
	const probabilities = Array.from({ length: classes }, (_, d) =>
		d === label ? pTrue : d === rival ? rest * rivalShare : (rest * (1 - rivalShare)) / others
	);
	const predicted = argmax(probabilities);
	return {
		probabilities,
		label,
		predicted,
		accuracy: predicted === label ? 1 : 0,
		// Probabilities work as logits: softmax(log p) = p, so this is -ln p(label).
		loss: crossEntropy(probabilities.map(Math.log), label)
	};
}
