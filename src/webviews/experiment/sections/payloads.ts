// The payloads each call sends: one JSON editor per payload, checked as it is typed and written
// only when valid; text that is not valid JSON stays here (and survives a reload) until fixed or
// reverted. Also the parent payload merged under each, and the order they are sent in.
import { checkJson, checkPayloadText, isPlainObject } from '../../../core/experiment/form/json-text';
import type { ProblemIndex } from '../problems';
import type { DocumentMessage } from '../protocol';
import { button, textArea, type Button, type Field, type Problem, type TextArea } from '../ui';
import { el } from '../../shared/dom';
import { booleanBinding, grid, numberBinding, sectionElement, type FormContext, type Section } from './common';

const NOT_WRITTEN: Problem = { message: 'Not written to the file yet: fix it, or revert to the file’s text.', severity: 'warning' };

interface Row {
  root: HTMLElement;
  editor: TextArea;
  revert: Button;
}

export function payloadsSection(ctx: FormContext): Section {
  let doc: DocumentMessage | undefined;
  let problems: ProblemIndex | undefined;
  let rows: Row[] = [];
  let disabled = false;
  const list = el('div', { className: 'payload-list' });
  const empty = el('p', { className: 'field-hint payload-empty' }, 'No payloads: each call sends {} (an empty request).');
  const add = button({ label: 'Add payload', appearance: 'secondary', id: 'add-payload', onClick: () => ctx.change({ kind: 'addPayload', text: '{}' }) });

  const mustBeObject = () => {
    const parent = doc?.model.values.parentPayload;
    if (parent === undefined) return false;
    const checked = checkJson(parent);
    return checked.ok && isPlainObject(checked.value) && Object.keys(checked.value).length > 0;
  };

  const parent = jsonEditor('parentPayload', {
    label: 'Parent payload',
    hint: 'Merged under each payload (a payload’s own keys win). Empty: none.',
    check: (text) => (text.trim() === '' ? [] : problemsOf(checkJson(text), (v) => (isPlainObject(v) ? undefined : 'must be a JSON object ({ ... }); nothing was written'))),
    commit: (text) => ctx.change({ kind: 'parentPayload', text }),
    docText: () => doc?.model.values.parentPayload ?? '',
  });
  const shuffle = booleanBinding(ctx, 'shufflePayloads', { text: 'Shuffle payloads', hint: 'Each payload used about equally, in a random order.', defaultValue: false });
  const seed = numberBinding(ctx, 'randomSeed', { label: 'Random seed', hint: 'Makes shuffles and Poisson arrivals repeatable.', placeholder: '42', integer: true });

  /** A JSON text area whose unwritten text is kept as a draft in the page state. */
  function jsonEditor(id: string, o: { label: string; hint?: string; check(text: string): Problem[]; commit(text: string): void; docText(): string }): Row {
    const revert = button({
      label: 'Revert',
      appearance: 'secondary',
      title: 'Discard this text and show what the file holds',
      onClick: () => {
        ctx.state.setDraft(id, undefined);
        render();
      },
    });
    const editor = textArea({
      id,
      label: o.label,
      hint: o.hint,
      wide: true,
      rows: 2,
      onInput(text) {
        ctx.state.setDraft(id, text === o.docText() ? undefined : text);
        revert.root.hidden = ctx.state.draft(id) === undefined;
        return o.check(text);
      },
      onCommit(text) {
        if (text === o.docText()) {
          ctx.state.setDraft(id, undefined);
          return undefined;
        }
        const problems = o.check(text);
        if (problems.some((p) => p.severity === 'error')) return [...problems, NOT_WRITTEN];
        ctx.state.setDraft(id, undefined);
        o.commit(text);
        return undefined;
      },
    });
    revert.root.hidden = true;
    revert.root.classList.add('revert');
    editor.root.querySelector('.field-label')?.after(revert.root);
    return { root: editor.root, editor, revert };
  }

  function payloadRow(index: number): Row {
    const id = `payload-${index}`;
    const row = jsonEditor(id, {
      label: `Payload ${index + 1}`,
      check: (text) => problemsOf(checkPayloadText(text, mustBeObject())),
      commit: (text) => ctx.change({ kind: 'editPayload', index, text }),
      docText: () => doc?.model.values.payloads?.[index] ?? '',
    });
    const remove = button({ label: 'Remove', appearance: 'secondary', title: `Remove payload ${index + 1}`, onClick: () => removePayload(index) });
    row.editor.root.querySelector('.field-label')?.after(remove.root);
    const setDisabled = row.editor.setDisabled;
    row.editor.setDisabled = (d) => {
      setDisabled(d);
      remove.setDisabled(d);
    };
    return row;
  }

  function removePayload(index: number): void {
    // Unwritten text of the payloads after it moves up with them.
    const count = doc?.model.values.payloads?.length ?? 0;
    for (let i = index; i < count; i++) ctx.state.setDraft(`payload-${i}`, ctx.state.draft(`payload-${i + 1}`));
    ctx.change({ kind: 'removePayload', index });
  }

  function show(row: Row, id: string, docText: string, docProblems: Problem[], check: (text: string) => Problem[]): void {
    const draft = ctx.state.draft(id);
    const text = draft ?? docText;
    row.editor.set(text);
    row.revert.root.hidden = draft === undefined;
    const typed = draft === undefined ? [] : check(draft);
    const pending: Problem[] = draft === undefined ? [] : [NOT_WRITTEN];
    row.editor.setProblems([...typed, ...pending, ...docProblems]);
  }

  function render(): void {
    if (!doc || !problems) return;
    const payloads = doc.model.values.payloads ?? [];
    if (rows.length !== payloads.length) {
      rows = payloads.map((_, i) => payloadRow(i));
      list.replaceChildren(...rows.map((r) => r.root));
      for (const r of rows) r.editor.setDisabled(disabled);
    }
    empty.hidden = payloads.length > 0 || doc.model.raw.payloads !== undefined;
    rows.forEach((row, i) =>
      show(row, `payload-${i}`, payloads[i] ?? '', problems!.of('payloads', i), (t) => problemsOf(checkPayloadText(t, mustBeObject()))),
    );
    const raw = doc.model.raw.payloads;
    const listProblems = [...(raw !== undefined ? [{ message: `payloads: the file holds ${raw}, not a list; edit it as text`, severity: 'error' as const }] : []), ...problems.of('payloads')];
    add.setDisabled(disabled || raw !== undefined);
    listMessages.replaceChildren(...listProblems.map((p) => el('div', { className: `field-message ${p.severity}` }, p.message)));
    show(parent, 'parentPayload', doc.model.values.parentPayload ?? '', problems.ofAll('parentPayload'), (t) => (t.trim() === '' ? [] : problemsOf(checkJson(t))));
  }

  const listMessages = el('div', { className: 'field-messages', 'aria-live': 'polite' });
  const root = sectionElement('payloads', 'Payloads', 'Calls take the payloads in turn (call k sends payload k mod n).', empty, list, listMessages, el('div', { className: 'row' }, add.root), parent.root, grid(shuffle, seed));

  return {
    root,
    update(next, index) {
      doc = next;
      problems = index;
      render();
      shuffle.update(next, index);
      seed.update(next, index);
    },
    setDisabled(d) {
      disabled = d;
      for (const r of rows) r.editor.setDisabled(d);
      parent.editor.setDisabled(d);
      add.setDisabled(d);
      shuffle.field.setDisabled(d);
      seed.field.setDisabled(d);
    },
    fieldFor(field, index): Field | undefined {
      if (field === 'payloads') return index === undefined ? undefined : rows[index]?.editor;
      if (field === 'parentPayload') return parent.editor;
      if (field === 'shufflePayloads') return shuffle.field;
      if (field === 'randomSeed') return seed.field;
      return undefined;
    },
  };
}

function problemsOf(checked: ReturnType<typeof checkJson>, more?: (value: unknown) => string | undefined): Problem[] {
  if (!checked.ok) return [{ message: checked.message, severity: 'error' }];
  const extra = more?.(checked.value);
  return extra ? [{ message: extra, severity: 'error' }] : [];
}
