/**
 * Counting a classifier's mistakes: per-digit accuracy, the test digits in one cell of the
 * confusion matrix and the most frequent confusions. The matrix is row-major n x n with
 * row = true digit and column = predicted digit, as the engine's Confusion sends it.
 */

export interface ClassAccuracy {
	digit: number;
	/** Test digits of this class predicted correctly (the diagonal cell). */
	correct: number;
	/** Test digits of this class (the row's sum). */
	total: number;
	/** correct / total; NaN for a class with no test digits. */
	accuracy: number;
}

export interface ConfusedPair {
	truth: number;
	predicted: number;
	count: number;
}

/** The number of classes of a square matrix stored flat: 100 entries -> 10. */
export function sideOf(matrix: ArrayLike<number>): number {
	const n = Math.round(Math.sqrt(matrix.length));
	if (n * n !== matrix.length) throw new RangeError(`${matrix.length} entries is not a square`);
	return n;
}

export function matrixTotal(matrix: ArrayLike<number>): number {
	let total = 0;
	for (let i = 0; i < matrix.length; i++) total += matrix[i];
	return total;
}

/** How many digits the model got right: the sum of the diagonal. */
export function diagonalTotal(matrix: ArrayLike<number>): number {
	const n = sideOf(matrix);
	let total = 0;
	for (let d = 0; d < n; d++) total += matrix[d * n + d];
	return total;
}

/** For each true digit: the share of its test digits that the model classified as that digit. */
export function perClassAccuracy(matrix: ArrayLike<number>): ClassAccuracy[] {
	const n = sideOf(matrix);
	return Array.from({ length: n }, (_, digit) => {
		let total = 0;
		for (let c = 0; c < n; c++) total += matrix[digit * n + c];
		const correct = matrix[digit * n + digit];
		return { digit, correct, total, accuracy: total > 0 ? correct / total : NaN };
	});
}

/**
 * The test digits (indices in file order) whose true label is `truth` and whose prediction is
 * `predicted`: the members of one cell. Their count equals that cell of the matrix.
 */
export function cellMembers(
	predictions: ArrayLike<number>,
	labels: ArrayLike<number>,
	truth: number,
	predicted: number
): number[] {
	if (predictions.length !== labels.length) {
		throw new RangeError(`${predictions.length} predictions but ${labels.length} labels`);
	}
	const members: number[] = [];
	for (let i = 0; i < labels.length; i++) {
		if (labels[i] === truth && predictions[i] === predicted) members.push(i);
	}
	return members;
}

/**
 * The largest off-diagonal cells, most frequent first (ties: lower true digit, then lower
 * predicted digit). Empty cells are never listed.
 */
export function mostConfused(matrix: ArrayLike<number>, count = 3): ConfusedPair[] {
	const n = sideOf(matrix);
	const pairs: ConfusedPair[] = [];
	for (let truth = 0; truth < n; truth++) {
		for (let predicted = 0; predicted < n; predicted++) {
			const cell = matrix[truth * n + predicted];
			if (truth !== predicted && cell > 0) pairs.push({ truth, predicted, count: cell });
		}
	}
	pairs.sort((a, b) => b.count - a.count || a.truth - b.truth || a.predicted - b.predicted);
	return pairs.slice(0, count);
}

export interface HardestDigit extends ClassAccuracy {
	/** The digit its test digits are most often taken for, and how many times. */
	mistakenFor: number;
	times: number;
}

/** The digit with the lowest share right (the first, on ties), and what it is most taken for. */
export function hardestDigit(matrix: ArrayLike<number>): HardestDigit | null {
	const rows = perClassAccuracy(matrix).filter((r) => Number.isFinite(r.accuracy));
	if (rows.length === 0) return null;
	const worst = rows.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
	const n = sideOf(matrix);
	let mistakenFor = -1;
	let times = 0;
	for (let c = 0; c < n; c++) {
		const cell = matrix[worst.digit * n + c];
		if (c !== worst.digit && cell > times) [mistakenFor, times] = [c, cell];
	}
	return { ...worst, mistakenFor, times };
}
