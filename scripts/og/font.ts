/**
 * Just enough of a TrueType reader to draw card titles without a native dependency: the
 * character map (format 4), glyph outlines (simple and compound, quadratic curves) and advance
 * widths. The fonts are KaTeX's (MIT licence), already installed with the site's maths.
 */
import { readFileSync } from 'node:fs';

export interface Point {
	x: number;
	y: number;
	onCurve: boolean;
}

export interface Glyph {
	/** Closed contours in font units, y pointing up. */
	contours: Point[][];
	advance: number;
}

export class TrueTypeFont {
	readonly unitsPerEm: number;
	readonly ascender: number;
	readonly descender: number;
	private readonly view: DataView;
	private readonly tables = new Map<string, number>();
	private readonly cmap = new Map<number, number>();
	private readonly loca: number[] = [];
	private readonly advances: number[] = [];
	private readonly cache = new Map<number, Glyph>();

	/**
	 * `fallback` draws the characters this font lacks (KaTeX's sans serif has no ×, for instance);
	 * both must use the same units per em.
	 */
	constructor(
		bytes: Uint8Array,
		private readonly fallback: TrueTypeFont | null = null
	) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		const count = this.u16(4);
		for (let i = 0; i < count; i++) {
			const at = 12 + 16 * i;
			const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
			this.tables.set(tag, this.u32(at + 8));
		}
		const head = this.table('head');
		this.unitsPerEm = this.u16(head + 18);
		const longLoca = this.i16(head + 50) === 1;
		const hhea = this.table('hhea');
		this.ascender = this.i16(hhea + 4);
		this.descender = this.i16(hhea + 6);
		const metrics = this.u16(hhea + 34);
		const glyphs = this.u16(this.table('maxp') + 4);
		const hmtx = this.table('hmtx');
		for (let g = 0; g < glyphs; g++) {
			this.advances.push(this.u16(hmtx + 4 * Math.min(g, metrics - 1)));
		}
		const loca = this.table('loca');
		for (let g = 0; g <= glyphs; g++) {
			this.loca.push(longLoca ? this.u32(loca + 4 * g) : 2 * this.u16(loca + 2 * g));
		}
		this.readCmap();
		if (fallback && fallback.unitsPerEm !== this.unitsPerEm) {
			throw new Error('a fallback font must use the same units per em');
		}
	}

	static fromFile(file: string, fallback: TrueTypeFont | null = null): TrueTypeFont {
		return new TrueTypeFont(new Uint8Array(readFileSync(file)), fallback);
	}

	/** True when this font or its fallback can draw `char`. */
	has(char: string): boolean {
		return this.cmap.has(char.codePointAt(0) ?? -1) || (this.fallback?.has(char) ?? false);
	}

	glyphFor(char: string): Glyph {
		const own = this.cmap.get(char.codePointAt(0) ?? -1);
		if (own === undefined && this.fallback?.has(char)) return this.fallback.glyphFor(char);
		return this.glyph(own ?? 0);
	}

	glyph(index: number): Glyph {
		let glyph = this.cache.get(index);
		if (!glyph) {
			glyph = { contours: this.outline(index), advance: this.advances[index] ?? 0 };
			this.cache.set(index, glyph);
		}
		return glyph;
	}

	private u16 = (at: number) => this.view.getUint16(at);
	private i16 = (at: number) => this.view.getInt16(at);
	private u32 = (at: number) => this.view.getUint32(at);

	private table(tag: string): number {
		const at = this.tables.get(tag);
		if (at === undefined) throw new Error(`font has no ${tag} table`);
		return at;
	}

	/** The Windows Unicode (3, 1) or Unicode (0, x) subtable, format 4: the Basic Multilingual Plane. */
	private readCmap(): void {
		const cmap = this.table('cmap');
		let sub = -1;
		for (let i = 0; i < this.u16(cmap + 2); i++) {
			const platform = this.u16(cmap + 4 + 8 * i);
			const encoding = this.u16(cmap + 6 + 8 * i);
			const at = cmap + this.u32(cmap + 8 + 8 * i);
			if ((platform === 3 && encoding === 1) || platform === 0) {
				if (this.u16(at) === 4) sub = at;
			}
		}
		if (sub < 0) throw new Error('font has no format-4 Unicode character map');
		const segments = this.u16(sub + 6) / 2;
		const ends = sub + 14;
		const starts = ends + 2 * segments + 2;
		const deltas = starts + 2 * segments;
		const rangeOffsets = deltas + 2 * segments;
		for (let s = 0; s < segments; s++) {
			const start = this.u16(starts + 2 * s);
			const end = this.u16(ends + 2 * s);
			const delta = this.u16(deltas + 2 * s);
			const rangeAt = rangeOffsets + 2 * s;
			const rangeOffset = this.u16(rangeAt);
			for (let code = start; code <= end && code !== 0xffff; code++) {
				const raw = rangeOffset === 0 ? code : this.u16(rangeAt + rangeOffset + 2 * (code - start));
				const glyph = raw === 0 && rangeOffset !== 0 ? 0 : (raw + delta) & 0xffff;
				if (glyph !== 0) this.cmap.set(code, glyph);
			}
		}
	}

	private outline(index: number): Point[][] {
		const start = this.loca[index];
		if (start === undefined || start === this.loca[index + 1]) return [];
		const at = this.table('glyf') + start;
		const contours = this.i16(at);
		return contours >= 0 ? this.simple(at, contours) : this.compound(at);
	}

	private simple(at: number, contourCount: number): Point[][] {
		const endPoints: number[] = [];
		for (let c = 0; c < contourCount; c++) endPoints.push(this.u16(at + 10 + 2 * c));
		const count = contourCount === 0 ? 0 : endPoints[contourCount - 1] + 1;
		let p = at + 10 + 2 * contourCount;
		p += 2 + this.u16(p); // skip the hinting instructions
		const flags: number[] = [];
		while (flags.length < count) {
			const flag = this.view.getUint8(p++);
			flags.push(flag);
			if (flag & 8) {
				const repeat = this.view.getUint8(p++);
				for (let r = 0; r < repeat; r++) flags.push(flag);
			}
		}
		const readAxis = (shortBit: number, sameBit: number): number[] => {
			const values: number[] = [];
			let value = 0;
			for (const flag of flags) {
				if (flag & shortBit) {
					const step = this.view.getUint8(p++);
					value += flag & sameBit ? step : -step;
				} else if (!(flag & sameBit)) {
					value += this.i16(p);
					p += 2;
				}
				values.push(value);
			}
			return values;
		};
		const xs = readAxis(2, 16);
		const ys = readAxis(4, 32);
		const result: Point[][] = [];
		let first = 0;
		for (const end of endPoints) {
			const contour: Point[] = [];
			for (let i = first; i <= end; i++) {
				contour.push({ x: xs[i], y: ys[i], onCurve: (flags[i] & 1) === 1 });
			}
			result.push(contour);
			first = end + 1;
		}
		return result;
	}

	/** Accented letters and the like: other glyphs placed with an offset and an optional scale. */
	private compound(at: number): Point[][] {
		const result: Point[][] = [];
		let p = at + 10;
		for (;;) {
			const flags = this.u16(p);
			const component = this.u16(p + 2);
			p += 4;
			const words = (flags & 1) !== 0;
			const dx = words ? this.i16(p) : this.view.getInt8(p);
			const dy = words ? this.i16(p + 2) : this.view.getInt8(p + 1);
			p += words ? 4 : 2;
			let [a, b, c, d] = [1, 0, 0, 1];
			const f2dot14 = (q: number) => this.i16(q) / 16384;
			if (flags & 8) {
				a = d = f2dot14(p);
				p += 2;
			} else if (flags & 0x40) {
				[a, d] = [f2dot14(p), f2dot14(p + 2)];
				p += 4;
			} else if (flags & 0x80) {
				[a, b, c, d] = [f2dot14(p), f2dot14(p + 2), f2dot14(p + 4), f2dot14(p + 6)];
				p += 8;
			}
			for (const contour of this.outline(component)) {
				result.push(
					contour.map((q) => ({
						x: a * q.x + c * q.y + dx,
						y: b * q.x + d * q.y + dy,
						onCurve: q.onCurve
					}))
				);
			}
			if (!(flags & 0x20)) return result;
		}
	}
}
