/**
 * Saving a run without getting in training's way: a request only remembers how to build the
 * record; the record is built and written when the main thread is idle, one write at a time, and
 * requests made during a write collapse into one that reads the newest state. A failed write is
 * reported once and never stops training.
 */
import { whenIdle, type Idle } from '../idle';
import type { RunStore } from './store';
import type { RunInput, RunSummary } from './record';

/** The pages whose runs are kept (the benchmark's are not: saving would skew its timings). */
const SAVED_PAGES = ['playground', 'lesson', 'draw'];

/** 'playground' for /digit-lab/playground?x=1 under base '/digit-lab'; null for pages not kept. */
export function pageOfPath(pathname: string, base = ''): string | null {
	const path = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
	const first = path.split('/').filter(Boolean)[0] ?? '';
	return SAVED_PAGES.includes(first) ? first : null;
}

/** A fresh run's id: time first (fixed width), so ids sort by age, then a random part. */
export function newRunId(now = Date.now(), random = Math.random): string {
	const time = now.toString(36).padStart(9, '0');
	return `${time}-${Math.floor(random() * 36 ** 6).toString(36)}`;
}

export class RunSaver {
	/** The newest save's summary (bytes, epochs), or null before the first. */
	lastSaved: RunSummary | null = null;
	private pending: (() => RunInput | null) | null = null;
	private writing: Promise<void> | null = null;
	private failed = false;
	/** Runs whose saves are dropped from now on (Start fresh removed them). */
	private readonly forgotten = new Set<string>();

	constructor(
		private readonly store: Promise<RunStore>,
		private readonly onError: (message: string) => void = () => {},
		private readonly idle: Idle = whenIdle
	) {}

	/** Asks for a save; `build` runs later and may return null when there is nothing to save. */
	request(build: () => RunInput | null): void {
		this.pending = build;
		this.writing ??= this.drain();
	}

	/**
	 * Drops every save of run `id` not yet built, now and later. A save can be asked for after
	 * Start fresh has waited for the saves under way: its snapshot was still on its way back from
	 * the worker. Written after the removal, it brought the removed run back.
	 */
	forget(id: string): void {
		this.forgotten.add(id);
	}

	/** Resolves when every requested save is written (tests, and a page about to close). */
	async settled(): Promise<void> {
		while (this.writing) await this.writing;
	}

	private async drain(): Promise<void> {
		while (this.pending) {
			await this.idle();
			const build = this.pending;
			this.pending = null;
			const input = build?.();
			if (!input || this.forgotten.has(input.id)) continue;
			try {
				this.lastSaved = await (await this.store).save(input);
			} catch (error) {
				if (!this.failed)
					this.onError(`This run could not be saved in the browser: ${(error as Error).message}`);
				this.failed = true;
			}
		}
		this.writing = null;
	}
}
