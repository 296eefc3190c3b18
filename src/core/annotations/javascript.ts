// JavaScript/TypeScript: `// @faas ...` or a JSDoc `@faas` tag directly above an exported handler.
import { scanJsComments, type JsComment } from './jsLexer';
import { parseOptions } from './options';
import { hasDefault, scanParams, skipNonCode, type ParamList } from './params';
import type { ProblemSink } from '../text/problem-sink';
import type { Candidate, Span } from './spec';

interface Annotation {
  comment: JsComment;
  /** The `@faas` tag itself, where "not followed by a function" problems point. */
  tag: Span;
  options: Span;
}

/** What sits below an annotation. */
type Declaration =
  | { kind: 'function'; exported: boolean; handler: string; declaration: Span; handlerName: Span; params?: ParamList }
  | { kind: 'default-export'; span: Span }
  | { kind: 'other'; span: Span };

// Identifiers as JavaScript defines them, Unicode letters included (`héllo`, `函数`); the regexes using it need the u flag.
const IDENT = '[\\p{ID_Start}_$][\\p{ID_Continue}$]*';

export function scanJavaScript(text: string, sink: ProblemSink): Candidate[] {
  const comments = scanJsComments(text);
  const byStart = new Map(comments.map((c) => [c.start, c]));
  const annotations = new Map<number, Annotation>();
  for (const comment of comments) {
    const annotation = readAnnotation(text, comment);
    if (annotation !== undefined) annotations.set(comment.start, annotation);
  }

  const candidates: Candidate[] = [];
  for (const annotation of annotations.values()) {
    const at = codeAfter(text, annotation.comment.end, byStart, annotations);
    if (typeof at !== 'number') {
      reportShadowed(text, annotation, at.annotation, byStart, annotations, sink);
      continue;
    }
    const errorsBefore = sink.errorCount;
    const config = parseOptions(text, annotation.options.start, annotation.options.end, sink);
    const declaration = readDeclaration(text, at);
    if (declaration.kind === 'default-export') {
      sink.error(declaration.span.start, declaration.span.end,
        'A default export has no name FaaS Lab can call: write a named export instead, e.g. export async function hello(request, context) { ... }.');
      continue;
    }
    if (declaration.kind === 'other') {
      const found = text.slice(declaration.span.start, declaration.span.end).trim();
      sink.error(annotation.tag.start, annotation.tag.end,
        '@faas must sit directly above an exported function, e.g. export async function hello(request, context) { ... }, ' +
          (found === '' ? 'but nothing follows it.' : `but it is followed by "${found}".`));
      continue;
    }
    if (!declaration.exported) {
      sink.error(declaration.declaration.start, declaration.declaration.end,
        `${declaration.handler} is not exported, so FaaS Lab cannot call it: add export in front ` +
          `(export ${text.slice(declaration.declaration.start, declaration.declaration.end)} ...).`);
      continue;
    }
    checkParams(declaration.handler, declaration.params, sink);
    if (sink.errorCount === errorsBefore) {
      const { handler, handlerName } = declaration;
      candidates.push({ language: 'node', handler, declaration: declaration.declaration, handlerName, config });
    }
  }
  return candidates;
}

function readAnnotation(text: string, comment: JsComment): Annotation | undefined {
  // A comment after code on the same line describes that line, not the declaration below.
  const lineStart = text.lastIndexOf('\n', comment.start - 1) + 1;
  if (text.slice(lineStart, comment.start).trim() !== '') return undefined;
  if (comment.kind === 'line') {
    const match = /^\/\/[ \t]*(@faas)(?=\s|$)/.exec(text.slice(comment.start, comment.end));
    if (match === null) return undefined;
    const tagStart = comment.start + match[0].length - 5;
    return { comment, tag: { start: tagStart, end: tagStart + 5 }, options: { start: tagStart + 5, end: comment.end } };
  }
  // A block comment: the tag starts one of its lines, after the `/**` or the ` * ` gutter.
  const bodyEnd = text.startsWith('*/', comment.end - 2) ? comment.end - 2 : comment.end;
  const tagPattern = /(^|\n)[ \t]*(?:\/\*+|\*+)?[ \t]*(@faas)(?=\s|\*\/|$)/g;
  const match = tagPattern.exec(text.slice(comment.start, bodyEnd));
  if (match === null) return undefined;
  const tagStart = comment.start + match.index + match[0].length - 5;
  const newline = text.indexOf('\n', tagStart);
  const lineEnd = newline < 0 || newline > bodyEnd ? bodyEnd : newline;
  return { comment, tag: { start: tagStart, end: tagStart + 5 }, options: { start: tagStart + 5, end: lineEnd } };
}

/** Two annotations above one function: the farther one is not used; say so, naming both and the function. */
function reportShadowed(
  text: string,
  shadowed: Annotation,
  next: Annotation,
  comments: Map<number, JsComment>,
  annotations: Map<number, Annotation>,
  sink: ProblemSink,
): void {
  let nearest = next;
  let at = codeAfter(text, nearest.comment.end, comments, annotations);
  while (typeof at !== 'number') {
    nearest = at.annotation;
    at = codeAfter(text, nearest.comment.end, comments, annotations);
  }
  const declaration = readDeclaration(text, at);
  const target = declaration.kind === 'function' ? declaration.handler : 'the function';
  const nearestLine = sink.lineNumber(nearest.tag.start);
  sink.warning(shadowed.tag.start, shadowed.tag.end,
    `Another @faas annotation follows this one before ${target}: "${annotationText(text, shadowed)}" (line ${sink.lineNumber(shadowed.tag.start)}) and ` +
      `"${annotationText(text, nearest)}" (line ${nearestLine}) both mark ${target}; only the one on line ${nearestLine}, nearest the function, is used: merge them into one.`);
}

function annotationText(text: string, annotation: Annotation): string {
  return text.slice(annotation.tag.start, annotation.options.end).replace(/\*\/$/, '').trim();
}

/** Offset of the first code after `from`, past blank lines, comments and decorators, or the annotation met on the way. */
function codeAfter(text: string, from: number, comments: Map<number, JsComment>, annotations: Map<number, Annotation>): number | { annotation: Annotation } {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    const comment = comments.get(i);
    if (comment !== undefined) {
      const annotation = annotations.get(i);
      if (annotation !== undefined) return { annotation };
      i = comment.end;
      continue;
    }
    const decorator = new RegExp(`@${IDENT}(?:\\.${IDENT})*\\s*`, 'uy');
    decorator.lastIndex = i;
    if (decorator.exec(text) === null) return i;
    i = decorator.lastIndex;
    if (text[i] === '(') {
      const args = scanParams(text, i, 'js');
      if (args === undefined) return i;
      i = args.close + 1;
    }
  }
}

function readDeclaration(text: string, at: number): Declaration {
  const lineEnd = text.indexOf('\n', at);
  const otherSpan = { start: at, end: Math.min(lineEnd < 0 ? text.length : lineEnd, at + 60) };
  const match = (pattern: string): RegExpExecArray | null => {
    const regex = new RegExp(pattern, 'uy');
    regex.lastIndex = at;
    return regex.exec(text);
  };

  const defaultExport = match('export\\s+default\\b');
  if (defaultExport !== null) return { kind: 'default-export', span: { start: at, end: at + defaultExport[0].length } };

  // export async function name(   /   async function name(
  const fn = match(`(export\\s+)?(?:async\\s+)?function\\b\\s*\\*?\\s*(${IDENT})`);
  if (fn !== null) {
    const nameEnd = at + fn[0].length;
    const open = skipGenerics(text, skipSpace(text, nameEnd));
    const params = text[open] === '(' ? scanParams(text, open, 'js') : undefined;
    return functionDeclaration(fn[1] !== undefined, fn[2], at, nameEnd, params);
  }

  // export const name = <function>   /   const name = <function>
  const variable = match(`(export\\s+)?(?:const|let|var)\\s+(${IDENT})`);
  if (variable !== null) {
    const nameEnd = at + variable[0].length;
    const value = functionValue(text, afterAssignment(text, nameEnd));
    if (value === undefined) return { kind: 'other', span: otherSpan };
    return functionDeclaration(variable[1] !== undefined, variable[2], at, nameEnd, value);
  }

  // exports.name = <function>   /   module.exports.name = <function>
  const commonJs = match(`(?:module\\s*\\.\\s*)?exports\\s*\\.\\s*(${IDENT})\\s*=(?!=)`);
  if (commonJs !== null) {
    const nameEnd = at + commonJs[0].replace(/\s*=$/, '').length;
    const value = functionValue(text, at + commonJs[0].length);
    if (value === undefined) return { kind: 'other', span: otherSpan };
    return functionDeclaration(true, commonJs[1], at, nameEnd, value);
  }
  return { kind: 'other', span: otherSpan };
}

function functionDeclaration(exported: boolean, handler: string, start: number, nameEnd: number, params: ParamList | undefined): Declaration {
  return {
    kind: 'function',
    exported,
    handler,
    declaration: { start, end: nameEnd },
    handlerName: { start: nameEnd - handler.length, end: nameEnd },
    params,
  };
}

/**
 * The parameters of the function expression at `at` (`async (a, b) => ...`, `function (a) {...}`,
 * `a => ...`), or undefined when the value is not a function.
 */
function functionValue(text: string, at: number | undefined): ParamList | undefined {
  if (at === undefined) return undefined;
  let i = skipSpace(text, at);
  const asyncKeyword = /async\b\s*/y;
  asyncKeyword.lastIndex = i;
  if (asyncKeyword.exec(text) !== null) i = asyncKeyword.lastIndex;

  const functionKeyword = new RegExp(`function\\b\\s*\\*?\\s*(?:${IDENT})?`, 'uy');
  functionKeyword.lastIndex = i;
  if (functionKeyword.exec(text) !== null) {
    const open = skipGenerics(text, skipSpace(text, functionKeyword.lastIndex));
    return text[open] === '(' ? scanParams(text, open, 'js') : undefined;
  }
  const singleParam = new RegExp(`(${IDENT})\\s*=>`, 'uy');
  singleParam.lastIndex = i;
  const single = singleParam.exec(text);
  if (single !== null) {
    return { params: [{ start: i, end: i + single[1].length, text: single[1] }], close: i + single[1].length };
  }
  const open = skipGenerics(text, i);
  if (text[open] !== '(') return undefined;
  const params = scanParams(text, open, 'js');
  if (params === undefined) return undefined;
  // A parenthesised expression is not an arrow function: require `=>` or a return type after `)`.
  const after = skipSpace(text, params.close + 1);
  return text.startsWith('=>', after) || text[after] === ':' ? params : undefined;
}

/** Offset just past the `=` of `name: Type = value`, skipping any type annotation. */
function afterAssignment(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const skipped = skipNonCode(text, i, 'js');
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const ch = text[i];
    if ('([{<'.includes(ch)) depth++;
    else if (')]}'.includes(ch) || (ch === '>' && text[i - 1] !== '=')) depth--;
    else if (depth === 0 && ch === '=' && text[i + 1] !== '>' && text[i + 1] !== '=') return i + 1;
    else if (depth <= 0 && (ch === ';' || ch === ',')) return undefined;
    if (depth < 0) return undefined;
  }
  return undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Past a TypeScript type parameter list `<T, U extends X>` at `i`, if there is one. */
function skipGenerics(text: string, i: number): number {
  if (text[i] !== '<') return i;
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '<') depth++;
    else if (text[j] === '>' && text[j - 1] !== '=' && --depth === 0) return skipSpace(text, j + 1);
  }
  return i;
}

function checkParams(handler: string, list: ParamList | undefined, sink: ProblemSink): void {
  if (list === undefined) return;
  const required = list.params.filter((p) => !p.text.startsWith('...') && !hasDefault(p.text) && !/^[\w$]+\?/.test(p.text));
  if (required.length <= 2) return;
  const extra = list.params[2];
  sink.warning(extra.start, list.params[list.params.length - 1].end,
    `${handler} takes ${required.length} parameters, but FaaS Lab calls a handler as ${handler}(request, context): ` +
      'remove the others or give them default values.');
}
