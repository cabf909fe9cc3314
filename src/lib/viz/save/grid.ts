/**
 * The PNG a heatmap grid saves: its pictures (the heatmaps' own canvases, one pixel per value)
 * laid out by layoutGrid with their names, the title, the colour key and the caption, at 2x.
 */
import { layoutGrid, type ColorKey } from './gridLayout';
import { canvasMeasure, drawLayout, paletteOf } from './render';

export interface GridPicture {
	title: string;
	/** One name per picture, in the order of the canvases in the grid. */
	names: string[];
	tileSize: number;
	perRow: number;
	key?: ColorKey;
	caption?: string;
}

export function gridPngFile(root: HTMLElement, picture: GridPicture): Promise<Blob> {
	const canvases = [...root.querySelectorAll('canvas')];
	if (canvases.length === 0) return Promise.reject(new Error('there are no pictures to save yet'));
	const layout = layoutGrid({
		...picture,
		tiles: canvases.map((canvas, i) => ({
			name: picture.names[i] ?? '',
			width: canvas.width,
			height: canvas.height
		})),
		palette: paletteOf(root),
		measure: canvasMeasure()
	});
	return drawLayout(layout, canvases);
}
