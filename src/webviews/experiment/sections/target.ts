// What to call and where: the experiment's name, the handler (picked from the workspace's
// annotated handlers or typed), and the platforms to run on.
import { PLATFORM_IDS } from '../../../core/model';
import type { ProblemIndex } from '../problems';
import type { ChoicesMessage, DocumentMessage, FunctionChoice } from '../protocol';
import { button, checkList, dropdown, textField, type CheckItem, type Field, type Option } from '../ui';
import { grid, sectionElement, type FormContext, type Section } from './common';

const NONE = '';

export interface TargetSection extends Section {
  showChoices(choices: ChoicesMessage): void;
}

export function targetSection(ctx: FormContext, refreshChoices: () => void): TargetSection {
  let functions: FunctionChoice[] = [];
  let choices: ChoicesMessage | undefined;
  let doc: DocumentMessage | undefined;

  const name = textField({
    id: 'experimentName',
    label: 'Experiment name',
    hint: 'Names the run folder: .faaslab/runs/<name>/',
    onCommit: (value) => (ctx.change({ kind: 'text', key: 'experimentName', value }), undefined),
  });
  const handler = dropdown({
    id: 'handler',
    label: 'Handler',
    hint: 'Annotated handlers in this workspace: picking one sets function and source.',
    onChange(value) {
      const chosen = functions.find((f) => keyOf(f) === value);
      if (chosen) ctx.change({ kind: 'function', name: chosen.name, source: chosen.source });
    },
  });
  const refresh = button({ label: '↻', appearance: 'icon', title: 'Look for handlers and platforms again', id: 'refresh-choices', onClick: refreshChoices });
  handler.root.querySelector('label')?.after(refresh.root);
  const fn = textField({
    id: 'function',
    label: 'Function',
    hint: 'The deployed function name.',
    onCommit(value) {
      if (value.trim() === '') return 'function: required; name the deployed function, e.g. "hello"';
      ctx.change({ kind: 'text', key: 'function', value });
      return undefined;
    },
  });
  const source = textField({
    id: 'source',
    label: 'Source',
    hint: 'Handler file relative to this file, deployed before the run. Empty: already deployed.',
    onCommit: (value) => (ctx.change({ kind: 'text', key: 'source', value }), undefined),
  });
  const platforms = checkList({
    id: 'platforms',
    label: 'Platforms',
    hint: 'Several: the whole experiment runs on each, with the same payload order.',
    wide: true,
    atLeastOne: 'Choose at least one platform.',
    onChange: (checked) => ctx.change({ kind: 'platforms', platforms: checked.filter((c): c is (typeof PLATFORM_IDS)[number] => (PLATFORM_IDS as readonly string[]).includes(c)) }),
  });

  const root = sectionElement('target', 'Function', undefined, grid(name, handler), grid(fn, source), platforms.root);
  const all: Field[] = [name, handler, fn, source, platforms];

  function render(): void {
    if (!doc) return;
    const values = doc.model.values;
    const current = functions.find((f) => f.name === values.function && (values.source === undefined || f.source === values.source));
    const options: Option[] = [
      { value: NONE, label: current ? '' : values.function ? `${values.function} (not an annotated handler here)` : 'Choose a handler…' },
      ...functions.map((f) => ({ value: keyOf(f), label: `${f.name} — ${f.source} (${f.language}, ${f.memoryMB} MB)` })),
    ].filter((o) => o.value !== NONE || !current);
    handler.setOptions(options, current ? keyOf(current) : NONE);
    handler.setProblems(choices && functions.length === 0 ? [{ message: 'No annotated handlers in this workspace: mark one with // @faas (or # @faas), or type the function name below.', severity: 'warning' }] : []);

    const known = choices?.platforms ?? [];
    const checked = values.platforms ?? (doc.model.platformKey ? [] : ['local']);
    const items: CheckItem[] = known.map((p) => ({ value: p.id, label: p.displayName, detail: p.ready ? p.detail : `not ready: ${p.detail}`, attention: !p.ready }));
    for (const id of checked) {
      if (!items.some((i) => i.value === id)) items.push({ value: id, label: id, detail: 'not available in FaaS Lab here', attention: true });
    }
    platforms.set(items, checked);
  }

  return {
    root,
    update(next: DocumentMessage, problems: ProblemIndex) {
      doc = next;
      const values = next.model.values;
      name.set(values.experimentName ?? '');
      name.setPlaceholder(next.defaultExperimentName);
      fn.set(values.function ?? '');
      source.set(values.source ?? '');
      name.setProblems(rawOr(next, 'experimentName', problems.ofAll('experimentName')));
      fn.setProblems(rawOr(next, 'function', problems.ofAll('function')));
      source.setProblems(rawOr(next, 'source', problems.ofAll('source')));
      platforms.setProblems(rawOr(next, 'platforms', problems.ofAll('platforms')));
      render();
    },
    showChoices(next) {
      choices = next;
      functions = next.functions;
      render();
    },
    setDisabled(disabled) {
      for (const f of all) f.setDisabled(disabled);
      refresh.setDisabled(disabled);
    },
    fieldFor(field) {
      return ({ experimentName: name, function: fn, source, platforms } as Partial<Record<string, Field>>)[field];
    },
  };
}

function keyOf(f: FunctionChoice): string {
  return `${f.source}#${f.name}`;
}

/** A value the control cannot show (wrong type) is named in its message, beside the parser's own. */
function rawOr(doc: DocumentMessage, key: 'experimentName' | 'function' | 'source' | 'platforms', problems: ReturnType<ProblemIndex['ofAll']>) {
  const raw = doc.model.raw[key];
  return raw === undefined || problems.length > 0 ? problems : [{ message: `${key}: the file holds ${raw}; edit it as text`, severity: 'error' as const }];
}
