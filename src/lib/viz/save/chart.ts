/**
 * The files a chart saves: its SVG element with the page's styles inlined, framed by its title,
 * series key and caption (composeChartSvg), as an SVG document or as a PNG at 2x.
 */
import { composeChartSvg, type SeriesKey } from './chartSvg';
import { paletteOf, styledSvgMarkup, svgToPng } from './render';

export interface ChartPicture {
	title: string;
	keys?: SeriesKey[];
	caption?: string;
}

/** A colour as the page resolves it ("var(--accent)" -> "rgb(0, 114, 178)"). */
function resolved(element: Element, color: string): string {
	if (!color.includes('var(')) return color;
	const probe = document.createElement('span');
	probe.style.color = color;
	element.append(probe);
	const value = getComputedStyle(probe).color;
	probe.remove();
	return value;
}

export function chartDocument(svg: SVGSVGElement, picture: ChartPicture) {
	const figure = svg.closest('figure') ?? svg;
	const box = svg.getBoundingClientRect();
	return composeChartSvg({
		title: picture.title,
		keys: picture.keys?.map((key) => ({ ...key, color: resolved(figure, key.color) })),
		caption: picture.caption,
		chart: {
			markup: styledSvgMarkup(svg),
			width: Number(svg.getAttribute('width')) || box.width,
			height: Number(svg.getAttribute('height')) || box.height
		},
		palette: paletteOf(figure)
	});
}

export function chartSvgFile(svg: SVGSVGElement, picture: ChartPicture): string {
	return chartDocument(svg, picture).svg;
}

export function chartPngFile(svg: SVGSVGElement, picture: ChartPicture): Promise<Blob> {
	const { svg: file, width, height } = chartDocument(svg, picture);
	return svgToPng(file, width, height);
}
