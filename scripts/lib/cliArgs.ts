/** Command-line flags for the trainer: every run-config field, by the same keys as the URL. */
import type { BackendPreference, RunConfig } from '../../src/lib/engine/config';
import type { FieldSpec } from '../../src/lib/share/schema';
import { BACKEND_FIELD, parsePageQuery, RUN_CONFIG_SCHEMA } from '../../src/lib/share/runConfig';

export type CliResult =
	| { config: RunConfig; backend: BackendPreference; json: boolean; help: boolean }
	| { error: string };

const FIELDS: FieldSpec<unknown>[] = [
	...Object.values<FieldSpec<unknown>>(RUN_CONFIG_SCHEMA),
	...Object.values<FieldSpec<unknown>>(BACKEND_FIELD)
];

export function usage(): string {
	const lines = FIELDS.map((f) => {
		const old = f.kind === 'enum' ? Object.entries(f.aliases ?? {}) : [];
		const aliases = old.map(([from, to]) => `; ${from} = ${String(to)}`).join('');
		const range = f.kind === 'enum' ? `${f.values.join('|')}${aliases}` : `${f.min}..${f.max}`;
		return `  --${f.key.padEnd(9)} ${f.label} (${range}; default ${String(f.default)})`;
	});
	return [
		'usage: npm run train -- [flags]',
		...lines,
		'  --json      one JSON line per epoch',
		'  --help'
	].join('\n');
}

/** Unlike the URL, the command line is strict: a bad flag is an error, not a fallback. */
export function parseCliArgs(argv: string[]): CliResult {
	const params = new URLSearchParams();
	let json = false;
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--json') json = true;
		else if (arg === '--help' || arg === '-h') help = true;
		else if (arg.startsWith('--')) {
			const body = arg.slice(2);
			const equals = body.indexOf('=');
			const key = equals < 0 ? body : body.slice(0, equals);
			const inline = equals < 0 ? undefined : body.slice(equals + 1);
			if (!FIELDS.some((f) => f.key === key)) return { error: `unknown flag --${key}` };
			const value = inline ?? argv[++i];
			if (value === undefined || value.startsWith('--')) return { error: `--${key} needs a value` };
			params.set(key, value);
		} else return { error: `unexpected argument ${JSON.stringify(arg)}` };
	}
	const parsed = parsePageQuery(params);
	if (parsed.messages.length > 0) return { error: parsed.messages.join('\n') };
	return { ...parsed.value, json, help };
}
