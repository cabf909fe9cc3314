/**
 * CPU time the headless browser (every process this one started, and theirs) spent in each
 * timed phase of the benchmark: our epoch and model.fit's, per backend and model. On a machine
 * others are loading, wall-clock epochs say mostly how busy the machine was; CPU seconds are
 * close to what the epoch costs on free cores (like scripts/bench/cpu.ts does in node). On
 * software WebGL they include SwiftShader's rendering in the GPU process. Linux only (/proc);
 * elsewhere nothing is printed.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** utime + stime of a /proc/<pid>/stat line, and its parent's pid. */
function parseStat(stat: string): { parent: number; ticks: number } {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** CPU seconds of every descendant of `root` (not root itself), or null without /proc. */
export function descendantCpuSeconds(root: number = process.pid): number | null {
	let entries: string[];
	try {
		entries = readdirSync('/proc');
	} catch {
		return null;
	}
	const children = new Map<number, { pid: number; ticks: number }[]>();
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const { parent, ticks } = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
			children.set(parent, [...(children.get(parent) ?? []), { pid: Number(entry), ticks }]);
		} catch {
			// The process ended while we looked.
		}
	}
	let ticks = 0;
	const stack = [root];
	while (stack.length > 0) {
		for (const child of children.get(stack.pop() as number) ?? []) {
			ticks += child.ticks;
			stack.push(child.pid);
		}
	}
	return ticks / 100; // USER_HZ is 100 on Linux
}

/** "wasm linear: our loop, one epoch" and the like, as the bench worker words its progress. */
const PHASE = /^\[bench\] (\w+) (\w+): (our loop|model\.fit), one epoch$/;

export interface PhaseCpu {
	backend: string;
	model: string;
	impl: 'ours' | 'fit';
	cpuSeconds: number;
}

/** Watches the page's [bench] lines: a phase runs from its own line to the next line. */
export class PhaseCpuMeter {
	private open: { key: Omit<PhaseCpu, 'cpuSeconds'>; cpu: number } | null = null;
	readonly phases: PhaseCpu[] = [];

	line(text: string): void {
		const cpu = descendantCpuSeconds();
		if (cpu === null) return;
		if (this.open) this.phases.push({ ...this.open.key, cpuSeconds: cpu - this.open.cpu });
		const match = PHASE.exec(text);
		this.open = match
			? {
					key: {
						backend: match[1],
						model: match[2],
						impl: match[3] === 'our loop' ? 'ours' : 'fit'
					},
					cpu
				}
			: null;
	}

	/** One line per backend and model: both phases' CPU seconds and their ratio. */
	format(): string {
		if (this.phases.length === 0) return '';
		const rows = new Map<string, Partial<Record<'ours' | 'fit', number>>>();
		for (const p of this.phases) {
			const key = `${p.model.padEnd(7)} ${p.backend.padEnd(7)}`;
			rows.set(key, { ...rows.get(key), [p.impl]: p.cpuSeconds });
		}
		const lines = [...rows].map(([key, { ours, fit }]) => {
			const ratio = ours && fit ? (fit / ours).toFixed(2) : '-';
			return `${key}  ${ours?.toFixed(2) ?? '-'} s  ${fit?.toFixed(2) ?? '-'} s  ${ratio}`;
		});
		return [
			'browser CPU seconds per epoch (all its processes; less load-dependent than the wall clock):',
			'model   backend  ours    model.fit  fit/ours',
			...lines
		].join('\n');
	}
}
