// Python: `# @faas ...` or FaaSET's `@cloud_function(...)` above a top-level `def`.
import { moduleVariables, readFaasetDecorator, type VariableLookup } from './faaset';
import { parseOptions } from './options';
import { hasDefault, scanParams, type ParamList } from './params';
import type { ProblemSink } from '../text/problem-sink';
import { pythonLines, type PyLine } from './pyLexer';
import { parseCallArgs, PyLiteralError } from './pyLiteral';
import type { Candidate, HandlerConfig, Span } from './spec';

interface FaasComment {
  line: number;
  tag: Span;
  options: Span;
}

interface FaasetDecorator {
  line: number;
  name: Span;
  /** Offset of the `(` of the call, if the decorator is called. */
  open?: number;
}

// Python 3 identifiers include Unicode letters (`def 函数`).
const DEF = /(?:async[ \t]+)?def[ \t]+([\p{XID_Start}_][\p{XID_Continue}]*)[ \t]*/uy;
const FAAS_COMMENT = /#[ \t]*(@faas)(?=\s|$)/y;
const FAASET_DECORATOR = /@[ \t]*(?:[A-Za-z_]\w*[ \t]*\.[ \t]*)*cloud_function\b/y;

export function scanPython(text: string, sink: ProblemSink, outerVariables?: (name: string) => ReturnType<VariableLookup>): Candidate[] {
  const lines = pythonLines(text);
  const match = (pattern: RegExp, at: number): RegExpExecArray | null => {
    pattern.lastIndex = at;
    return pattern.exec(text);
  };
  const faasComment = (index: number): FaasComment | undefined => {
    const line = lines[index];
    const found = line.kind === 'comment' ? match(FAAS_COMMENT, line.code) : null;
    if (found === null) return undefined;
    const tagStart = line.code + found[0].length - 5;
    return { line: index, tag: { start: tagStart, end: tagStart + 5 }, options: { start: tagStart + 5, end: line.end } };
  };
  const faasetDecorator = (index: number): FaasetDecorator | undefined => {
    const line = lines[index];
    const found = line.kind === 'code' ? match(FAASET_DECORATOR, line.code) : null;
    if (found === null) return undefined;
    const name = { start: line.code, end: line.code + found[0].length };
    const open = text.indexOf('(', name.end);
    const called = open >= 0 && open < line.end && text.slice(name.end, open).trim() === '';
    return { line: index, name, open: called ? open : undefined };
  };

  const own = moduleVariables(text, lines);
  // As Python runs it: the last assignment above the use in this text, else one made before it ran.
  const variables: VariableLookup = (name, before) => own(name, before) ?? outerVariables?.(name);
  const used = new Set<number>();
  const candidates: Candidate[] = [];
  lines.forEach((line, index) => {
    const def = line.kind === 'code' ? match(DEF, line.code) : null;
    if (def === null) return;

    // Walk up through the blank lines, comments and decorators that belong to this def.
    const comments: FaasComment[] = [];
    let decorator: FaasetDecorator | undefined;
    for (let above = index - 1; above >= 0; above--) {
      const header = lines[above];
      if (header.kind === 'blank') continue;
      if (header.kind === 'code' && text[header.code] !== '@') break;
      const comment = faasComment(above);
      if (comment !== undefined) comments.push(comment);
      decorator ??= faasetDecorator(above);
    }
    if (comments.length === 0 && decorator === undefined) return;
    comments.forEach((c) => used.add(c.line));
    if (decorator !== undefined) used.add(decorator.line);
    const [nearest, ...others] = comments;
    const handler = def[1];
    const shownAt = (span: Span, what: string): string => `"${what}" (line ${sink.lineNumber(span.start)})`;
    for (const other of others) {
      sink.warning(other.tag.start, other.tag.end,
        `Another @faas annotation follows this one before def ${handler}: ${shownAt(other.tag, annotationText(text, other))} and ` +
          `${shownAt(nearest.tag, annotationText(text, nearest))} both mark it; only the one on line ${sink.lineNumber(nearest.tag.start)}, nearest the def, is used: merge them into one.`);
    }
    if (nearest !== undefined && decorator !== undefined) {
      sink.warning(decorator.name.start, decorator.name.end,
        `def ${handler} is marked twice: ${shownAt(nearest.tag, annotationText(text, nearest))} and ${shownAt(decorator.name, text.slice(decorator.name.start, decorator.name.end))}; ` +
          'FaaS Lab uses the # @faas line and ignores the decorator\'s settings (FaaSET uses the decorator): keep one, or make them agree.');
    }

    const nameEnd = line.code + def[0].trimEnd().length;
    const marker = nearest?.tag ?? decorator?.name ?? { start: line.code, end: nameEnd };
    if (line.indent > 0) {
      sink.error(marker.start, marker.end,
        `${handler} is nested inside another block, but FaaS Lab can only call top-level functions: ` +
          `move def ${handler}(request, context) to the start of a line, outside any class, function or if.`);
      return;
    }

    const errorsBefore = sink.errorCount;
    let config: HandlerConfig;
    if (nearest !== undefined) config = parseOptions(text, nearest.options.start, nearest.options.end, sink);
    else config = readFaasetDecorator(text, decorator?.open, sink, variables);
    const open = text.indexOf('(', nameEnd);
    checkParams(handler, open >= 0 && open < line.end ? scanParams(text, open, 'py') : undefined, open, sink);
    if (sink.errorCount !== errorsBefore) return;
    candidates.push({
      language: 'python',
      handler,
      declaration: { start: line.code, end: nameEnd },
      handlerName: { start: nameEnd - handler.length, end: nameEnd },
      config,
    });
  });

  reportStrays(text, lines, used, faasComment, faasetDecorator, sink);
  return candidates;
}

function annotationText(text: string, comment: FaasComment): string {
  return `# ${text.slice(comment.tag.start, comment.options.end).trim()}`;
}

/** Annotations that no def claimed: something other than a def (or nothing) follows them. */
function reportStrays(
  text: string,
  lines: PyLine[],
  used: Set<number>,
  faasComment: (index: number) => FaasComment | undefined,
  faasetDecorator: (index: number) => FaasetDecorator | undefined,
  sink: ProblemSink,
): void {
  lines.forEach((_, index) => {
    if (used.has(index)) return;
    const comment = faasComment(index);
    const decorator = comment === undefined ? faasetDecorator(index) : undefined;
    const marker = comment?.tag ?? decorator?.name;
    if (marker === undefined) return;
    // An unclosed call swallows the rest of the file, so its def is never seen: say that instead.
    if (decorator?.open !== undefined) {
      try {
        parseCallArgs(text, decorator.open);
      } catch (error) {
        if (!(error instanceof PyLiteralError)) throw error;
        sink.error(error.span.start, error.span.end, `cloud_function arguments: ${error.message}`);
        return;
      }
    }
    const next = lines.slice(index + 1).find((line) => line.kind === 'code' && text[line.code] !== '@');
    const found = next === undefined ? '' : text.slice(next.code, Math.min(next.end, next.code + 60)).split('\n')[0].trim();
    const what = comment !== undefined ? '# @faas' : 'cloud_function';
    sink.error(marker.start, marker.end,
      `${what} must sit directly above a top-level def, e.g. def hello(request, context):, ` +
        (found === '' ? 'but nothing follows it.' : `but it is followed by "${found}".`));
  });
}

function checkParams(handler: string, list: ParamList | undefined, open: number, sink: ProblemSink): void {
  if (list === undefined) return;
  let required = 0;
  let positional = 0;
  let variadic = false;
  let keywordOnly = false;
  for (const { text } of list.params) {
    if (text === '/' || text.startsWith('**')) continue;
    if (text.startsWith('*')) {
      variadic ||= text !== '*';
      keywordOnly = true;
      continue;
    }
    if (keywordOnly) continue;
    positional++;
    if (!hasDefault(text)) required++;
  }
  if (required > 2) {
    sink.warning(list.params[2].start, list.params[list.params.length - 1].end,
      `${handler} takes ${required} required parameters, but FaaS Lab calls a handler as ${handler}(request, context): ` +
        'remove the others or give them default values.');
  } else if (positional < 2 && !variadic) {
    sink.warning(open, list.close + 1,
      `FaaS Lab calls a handler as ${handler}(request, context), which fails with a TypeError here: ` +
        `write def ${handler}(request, context):.`);
  }
}
