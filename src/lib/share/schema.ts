/**
 * A tiny schema for settings that travel as text (URL query, command-line flags, share links),
 * in the spirit of TensorFlow Playground's state.ts: each field has a type, a default and bounds.
 * Parsing never throws: a broken value falls back to the default, an out-of-range one is clamped,
 * and either way a message says what was changed, so the page can show it.
 */
export type FieldSpec<T> =
	| {
			kind: 'enum';
			key: string;
			label: string;
			values: readonly T[];
			default: T;
			/** Old spellings still read (never written), so that old links keep opening: { seed: 'notebook' }. */
			aliases?: Readonly<Record<string, T>>;
	  }
	| {
			kind: 'number';
			key: string;
			label: string;
			default: T;
			min: number;
			max: number;
			integer?: boolean;
	  };

export type Schema<C> = { [K in keyof C]: FieldSpec<C[K]> };

export interface Parsed<C> {
	value: C;
	/** One sentence per ignored or corrected setting, for the learner to read. */
	messages: string[];
}

/** Shown values are truncated so that a hostile 2 MB value cannot flood the page. */
export function quote(raw: string): string {
	// Control characters could fake line breaks or hide text in the message.
	// eslint-disable-next-line no-control-regex
	const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '?');
	return JSON.stringify(clean.length > 40 ? `${clean.slice(0, 40)}...` : clean);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** One field from text: its value, and a message when the text was ignored or corrected. */
export function parseField<T>(spec: FieldSpec<T>, raw: string, messages: string[] = []): T {
	if (spec.kind === 'enum') {
		const match = spec.values.find((v) => String(v) === raw.trim()) ?? aliasOf(spec, raw.trim());
		if (match !== undefined) return match;
		messages.push(
			`Ignored ${spec.key}=${quote(raw)}: ${spec.label} must be one of ${spec.values.join(', ')}; using ${String(spec.default)}.`
		);
		return spec.default;
	}
	const trimmed = raw.trim();
	// Plain decimal only: Number() would also take "0x1f", "0b11" and "Infinity".
	const number = DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
	if (!Number.isFinite(number)) {
		messages.push(
			`Ignored ${spec.key}=${quote(raw)}: ${spec.label} must be a number; using ${String(spec.default)}.`
		);
		return spec.default;
	}
	let value = spec.integer ? Math.round(number) : number;
	if (value < spec.min || value > spec.max) {
		const clamped = Math.min(spec.max, Math.max(spec.min, value));
		messages.push(
			`${spec.label} ${quote(raw)} is out of range (${spec.min} to ${spec.max}); using ${clamped}.`
		);
		value = clamped;
	}
	return value as T;
}

/** The value an old spelling stands for, if `raw` is one (own keys only: "constructor" is not). */
function aliasOf<T>(spec: { aliases?: Readonly<Record<string, T>> }, raw: string): T | undefined {
	const aliases = spec.aliases;
	return aliases && Object.hasOwn(aliases, raw) ? aliases[raw] : undefined;
}

export function defaults<C>(schema: Schema<C>): C {
	const out = {} as C;
	for (const name in schema) out[name] = schema[name].default;
	return out;
}

/** Reads the fields the schema knows from any key -> text lookup. */
export function parseWith<C>(schema: Schema<C>, lookup: (key: string) => string | null): Parsed<C> {
	const messages: string[] = [];
	const value = defaults(schema);
	for (const name in schema) {
		const raw = lookup(schema[name].key);
		if (raw !== null) value[name] = parseField(schema[name], raw, messages);
	}
	return { value, messages };
}

/** Only values that differ from the default are written, so links stay short and readable. */
export function serialiseWith<C>(schema: Schema<C>, value: C): [string, string][] {
	const out: [string, string][] = [];
	for (const name in schema) {
		const written = value[name];
		if (written !== schema[name].default) out.push([schema[name].key, String(written)]);
	}
	return out;
}

export function schemaKeys<C>(schema: Schema<C>): string[] {
	return Object.values<FieldSpec<unknown>>(schema).map((f) => f.key);
}
