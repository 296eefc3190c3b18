// The whole experiment editor page: a header with Run, the file's problems, the form sections and
// the estimate beside them. It only shows messages and reports what the user does.
import { estimatePanel } from './estimate-panel';
import type { FieldKey, FormChange } from '../../core/experiment/form/fields';
import { ProblemIndex } from './problems';
import type { ChoicesMessage, DocumentMessage, EstimateView, RunState } from './protocol';
import { budgetSection } from './sections/budget';
import type { FormContext, Section } from './sections/common';
import { httpSection } from './sections/http';
import { loadSection } from './sections/load';
import { memorySection } from './sections/memory';
import { payloadsSection } from './sections/payloads';
import { recommendationSection } from './sections/recommendation';
import { sweepsSection } from './sections/sweeps';
import { targetSection } from './sections/target';
import type { PageState } from './state';
import { busyIndicator, button, link } from './ui';
import { el } from '../shared/dom';

export interface PageActions {
  change(change: FormChange): void;
  run(): void;
  openAsText(): void;
  refreshChoices(): void;
}

export class EditorPage {
  readonly root: HTMLElement;
  private readonly title = el('h1', { id: 'title' }, 'Experiment');
  private readonly fileName = el('span', { className: 'file-name' });
  private readonly runStatus = el('span', { className: 'run-status', id: 'run-status', role: 'status' });
  private readonly busy = busyIndicator('Running');
  private readonly runButton;
  private readonly banner = el('div', { className: 'banner', id: 'banner', hidden: true });
  private readonly general = el('ul', { className: 'general-problems', id: 'general-problems', 'aria-label': 'Problems in the file' });
  private readonly otherKeys = el('p', { className: 'other-keys', id: 'other-keys', hidden: true });
  private readonly sections: Section[];
  private readonly target;
  private readonly estimate = estimatePanel();
  private rejected: HTMLElement[] = [];

  constructor(actions: PageActions, state: PageState) {
    const ctx: FormContext = { change: (c) => actions.change(c), state };
    this.target = targetSection(ctx, () => actions.refreshChoices());
    this.sections = [this.target, httpSection(ctx), loadSection(ctx), sweepsSection(ctx), memorySection(ctx), recommendationSection(ctx), payloadsSection(ctx), budgetSection(ctx)];
    this.runButton = button({ label: 'Run', id: 'run', title: 'Run this experiment (saves the file first)', onClick: () => actions.run() });
    this.busy.hidden = true;
    const header = el(
      'header',
      { className: 'page-header' },
      el('div', { className: 'heading' }, this.title, this.fileName),
      el('div', { className: 'actions' }, this.runButton.root, this.busy, link({ label: 'Open as text', id: 'open-as-text', onClick: () => actions.openAsText() })),
    );
    this.root = el(
      'div',
      { className: 'page' },
      header,
      el('div', { className: 'run-line' }, this.runStatus),
      this.banner,
      this.general,
      el('div', { className: 'layout' }, el('form', { className: 'form', id: 'form', 'aria-label': 'Experiment settings' }, ...this.sections.map((s) => s.root), this.otherKeys), this.estimate.root),
    );
    // Enter in a field commits it; it must not submit (and reload) the page.
    this.root.querySelector('form')?.addEventListener('submit', (e) => e.preventDefault());
  }

  showDocument(doc: DocumentMessage): void {
    const problems = new ProblemIndex(doc.problems);
    this.title.textContent = doc.model.values.experimentName ?? doc.defaultExperimentName;
    this.fileName.textContent = doc.fileName;
    for (const r of this.rejected) r.remove();
    this.rejected = [];
    for (const s of this.sections) s.update(doc, problems);
    for (const s of this.sections) s.setDisabled(!doc.model.editable);
    this.banner.hidden = doc.model.editable;
    this.banner.replaceChildren(
      doc.model.editable ? '' : 'This file is not a JSON object the form can change (see the problems below). Fix it in the text editor: ',
      doc.model.editable ? '' : link({ label: 'Open as text', onClick: () => this.root.querySelector<HTMLElement>('#open-as-text')?.click() }),
    );
    this.general.replaceChildren(
      ...problems.general().map((p) => el('li', { className: `field-message ${p.severity}` }, `Line ${p.line}: ${p.message}`)),
    );
    this.general.hidden = problems.general().length === 0;
    const others = doc.model.otherKeys;
    this.otherKeys.hidden = others.length === 0;
    this.otherKeys.textContent = `Also in this file, kept as they are (edit them as text): ${others.join(', ')}.`;
  }

  showChoices(choices: ChoicesMessage): void {
    this.target.showChoices(choices);
  }

  showEstimate(estimate: EstimateView): void {
    this.estimate.show(estimate);
  }

  /** A change the host refused: shown beside its field, or at the top when the field has no control here. */
  showRejected(field: FieldKey, index: number | undefined, message: string): void {
    const control = this.sections.map((s) => s.fieldFor(field, index)).find((f) => f !== undefined);
    const note = el('div', { className: 'field-message error rejected', role: 'alert' }, message);
    this.rejected.push(note);
    const messages = control?.root.querySelector('.field-messages');
    if (messages) messages.appendChild(note);
    else this.general.appendChild(el('li', {}, note));
    this.general.hidden = this.general.childElementCount === 0;
  }

  showRun(run: RunState): void {
    const running = run.state === 'running';
    this.runButton.setDisabled(running);
    this.runButton.setLabel(running ? 'Running…' : 'Run');
    this.busy.hidden = !running;
    this.runStatus.className = `run-status ${run.state}`;
    this.runStatus.textContent = running ? 'Running: progress is in the notification; results open when it ends.' : run.state === 'idle' ? '' : run.message;
  }
}
