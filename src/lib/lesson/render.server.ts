/**
 * Lesson prose and code to HTML, at build time (prerendering), so the learner's browser gets
 * finished HTML and no markdown, KaTeX or highlighter code. Only our own content files pass
 * through here; nothing from a URL or a user is ever rendered as HTML.
 */
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import katex from 'katex';
import { Marked, type RendererExtension, type TokenizerExtension, type Tokens } from 'marked';

hljs.registerLanguage('python', python);

type MathToken = { type: 'math'; raw: string; text: string; display: boolean };

function mathExtension(display: boolean): TokenizerExtension & RendererExtension {
	const pattern = display ? /^\$\$([\s\S]+?)\$\$/ : /^\$((?:\\\$|[^$\n])+?)\$/;
	return {
		name: display ? 'displayMath' : 'inlineMath',
		level: display ? 'block' : 'inline',
		start: (src: string) => src.indexOf(display ? '$$' : '$'),
		tokenizer(src: string) {
			const match = pattern.exec(src);
			if (!match) return undefined;
			return {
				type: display ? 'displayMath' : 'inlineMath',
				raw: match[0],
				text: match[1].trim(),
				display
			};
		},
		renderer(token) {
			const { text } = token as unknown as MathToken;
			const html = katex.renderToString(text, {
				displayMode: display,
				throwOnError: true,
				output: 'html'
			});
			return display ? `<div class="math-display">${html}</div>\n` : html;
		}
	};
}

const markdown = new Marked({ gfm: true, extensions: [mathExtension(true), mathExtension(false)] });

/**
 * The step's prose as HTML. Its headings are sections of the step page, whose title is the h1:
 * whatever level the markdown uses, the shallowest becomes h2 and deeper ones follow in order
 * (### and #### render as h2 and h3), so the page never jumps a level.
 */
export function renderProse(source: string): string {
	const tokens = markdown.lexer(source);
	const headings: Tokens.Heading[] = [];
	markdown.walkTokens(tokens, (token) => {
		if (token.type === 'heading') headings.push(token as Tokens.Heading);
	});
	const shallowest = Math.min(...headings.map((h) => h.depth));
	for (const heading of headings) heading.depth = Math.min(6, heading.depth - shallowest + 2);
	return markdown.parser(tokens);
}

export function renderPython(code: string): string {
	return hljs.highlight(code.replace(/\s+$/, ''), { language: 'python' }).value;
}
