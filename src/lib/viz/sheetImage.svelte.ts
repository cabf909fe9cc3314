/**
 * A sprite sheet's picture for a component (sheet.ts): painted and encoded whenever the grids
 * change, and its object URL revoked once it is replaced or the component is gone. Call during
 * a component's set-up; `url` is null until the first sheet is ready (and where no canvas is).
 */
import type { Scheme } from './paint';
import { paintSheet, sheetBlob, type SheetLayout } from './sheet';

/** Revoking waits a moment, so a picture still on screen is not cut off mid-swap. */
const REVOKE_AFTER_MS = 1000;

export class SheetImage {
	url = $state<string | null>(null);

	constructor(
		grids: () => readonly ArrayLike<number>[],
		layout: () => SheetLayout,
		scheme: Scheme,
		domain: [number, number]
	) {
		$effect(() => {
			const tiles = grids();
			const where = layout();
			if (tiles.length === 0) return;
			let live = true;
			let url: string | null = null;
			sheetBlob(paintSheet(tiles, where, scheme, domain), where).then(
				(blob) => {
					if (!live) return;
					url = URL.createObjectURL(blob);
					this.url = url;
				},
				() => {
					// No picture (no canvas here): the buttons still name their digits.
				}
			);
			return () => {
				live = false;
				const old = url;
				if (old) setTimeout(() => URL.revokeObjectURL(old), REVOKE_AFTER_MS);
			};
		});
	}
}
