/**
 * A sprite sheet's picture for a component (sheet.ts): laid out `columns` tiles to a row, painted
 * and encoded whenever the grids change, and its object URL revoked once it is replaced or the
 * component is gone. Call during a component's set-up; `url` is null until the first sheet is
 * ready (and where no canvas is).
 */
import { DrawLater } from './later.svelte';
import type { Scheme } from './paint';
import { paintSheet, sheetBlob, sheetLayout, tileBackground } from './sheet';

/** Revoking waits a moment, so a picture still on screen is not cut off mid-swap. */
const REVOKE_AFTER_MS = 1000;

/** What one place on the page needs to show its tile: the sheet's URL and the CSS that picks it. */
export interface SheetTile {
	url: string | null;
	background: string;
}

export class SheetImage {
	url = $state<string | null>(null);
	private readonly grids: () => readonly ArrayLike<number>[];
	private readonly columns: number;
	/** The grids and where their tiles lie, computed once per change of the grids. */
	private readonly current = $derived.by(() => {
		const tiles = this.grids();
		return { tiles, layout: sheetLayout(tiles.length, this.columns) };
	});

	constructor(
		grids: () => readonly ArrayLike<number>[],
		columns: number,
		scheme: Scheme,
		domain: [number, number]
	) {
		// Read lazily by `current`, which is first evaluated after these are set.
		this.grids = grids;
		this.columns = columns;
		// Painted a task after the places appear when data arrive (later.svelte.ts).
		const later = new DrawLater();
		$effect(() => {
			const { tiles, layout } = this.current;
			if (tiles.length === 0 || !later.ready) return;
			let live = true;
			let url: string | null = null;
			sheetBlob(paintSheet(tiles, layout, scheme, domain), layout).then(
				(blob) => {
					if (!live) return;
					url = URL.createObjectURL(blob);
					this.url = url;
				},
				() => {
					// No picture (no canvas here): the places still name what they show.
				}
			);
			return () => {
				live = false;
				const old = url;
				if (old) setTimeout(() => URL.revokeObjectURL(old), REVOKE_AFTER_MS);
			};
		});
	}

	/** Tile `index` of the current sheet. */
	tile(index: number): SheetTile {
		return { url: this.url, background: tileBackground(index, this.current.layout) };
	}
}
