/**
 * One number (or one row of numbers) per trained batch: the batch losses, the gradient norms.
 * A run with batches of 1 makes 60,000 of them an epoch, so the page must not copy or filter the
 * whole series for every message from the worker. Here appending costs the same at batch 10 and
 * at batch 10 million (typed arrays that double when full), and what the charts get is a bounded
 * sample: every `stride`-th batch, with the stride doubling whenever the sample would pass
 * `maxPoints`, plus the newest batch, always exact. Pure TypeScript (no runes), tested in node.
 */
export const CHART_POINTS = 512;

export class StepSeries {
	private steps = new Float64Array(1024);
	private values: Float32Array;
	private count = 0;
	private stride = 1;

	constructor(
		/** Numbers per batch (1 for the loss; one per parameter for gradient norms). */
		private width = 1,
		readonly maxPoints = CHART_POINTS
	) {
		this.values = new Float32Array(1024 * width);
	}

	get length(): number {
		return this.count;
	}

	/** Forgets everything (a fresh run). `width` may change with the model. */
	clear(width = this.width): void {
		this.count = 0;
		this.stride = 1;
		if (width !== this.width) {
			this.width = width;
			this.values = new Float32Array(this.steps.length * width);
		}
	}

	/**
	 * Adds rows for steps firstStep, firstStep + 1, ... (`values` holds `width` numbers a row).
	 * Rows already held for those steps or later are replaced: a reset or a replay restarts the
	 * numbering, and the new run's batches take the place of the old ones.
	 */
	append(firstStep: number, values: ArrayLike<number>): void {
		if (values.length % this.width !== 0) {
			throw new Error(`${values.length} numbers do not make rows of ${this.width}`);
		}
		this.dropFrom(firstStep);
		const rows = values.length / this.width;
		this.reserve(this.count + rows);
		for (let r = 0; r < rows; r++) this.steps[this.count + r] = firstStep + r;
		this.values.set(values, this.count * this.width);
		this.count += rows;
		while (Math.ceil(this.count / this.stride) > this.maxPoints) this.stride *= 2;
	}

	/**
	 * Adds single-number rows at any increasing steps (a saved or imported curve), one append per
	 * run of consecutive steps, so a whole curve costs about as much as one message.
	 */
	appendRows(steps: ArrayLike<number>, values: ArrayLike<number>): void {
		let start = 0;
		for (let i = 1; i <= steps.length; i++) {
			if (i < steps.length && steps[i] === steps[i - 1] + 1) continue;
			this.append(steps[start], Array.prototype.slice.call(values, start, i) as number[]);
			start = i;
		}
	}

	/** Row indices to draw: evenly spaced, at most maxPoints + 1, the newest always included. */
	sample(): number[] {
		const picked: number[] = [];
		for (let i = 0; i < this.count; i += this.stride) picked.push(i);
		if (this.count > 0 && picked.at(-1) !== this.count - 1) picked.push(this.count - 1);
		return picked;
	}

	stepAt(index: number): number {
		return this.steps[index];
	}

	valueAt(index: number, column = 0): number {
		return this.values[index * this.width + column];
	}

	row(index: number): number[] {
		return Array.from(this.values.subarray(index * this.width, (index + 1) * this.width));
	}

	/** Copies of the steps and of one column, oldest first: the whole curve (a fast memory copy). */
	copy(column = 0): { steps: Float64Array; values: Float32Array } {
		const values = new Float32Array(this.count);
		if (this.width === 1) values.set(this.values.subarray(0, this.count));
		else for (let i = 0; i < this.count; i++) values[i] = this.values[i * this.width + column];
		return { steps: this.steps.slice(0, this.count), values };
	}

	/** Every row index, oldest first (for exports: the whole curve, not the chart's sample). */
	all(): number[] {
		return Array.from({ length: this.count }, (_, i) => i);
	}

	/** Keeps only the rows before `step` (binary search: steps only grow). */
	private dropFrom(step: number): void {
		if (this.count === 0 || this.steps[this.count - 1] < step) return;
		let lo = 0;
		let hi = this.count;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.steps[mid] < step) lo = mid + 1;
			else hi = mid;
		}
		this.count = lo;
		while (this.stride > 1 && Math.ceil(this.count / (this.stride / 2)) <= this.maxPoints) {
			this.stride /= 2;
		}
	}

	private reserve(rows: number): void {
		if (rows <= this.steps.length) return;
		let capacity = this.steps.length;
		while (capacity < rows) capacity *= 2;
		const steps = new Float64Array(capacity);
		steps.set(this.steps.subarray(0, this.count));
		const values = new Float32Array(capacity * this.width);
		values.set(this.values.subarray(0, this.count * this.width));
		this.steps = steps;
		this.values = values;
	}
}
