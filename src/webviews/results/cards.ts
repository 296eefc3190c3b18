// Chart cards (title, PNG button, canvas, caption), kept by chart id across renders so a live
// update or a theme switch redraws the same canvases instead of rebuilding the page.
import type { ChartSpec } from './chart-common';
import type { ChartHost } from './charts';
import { el } from '../shared/dom';

interface Card {
  root: HTMLElement;
  title: HTMLElement;
  caption: HTMLElement;
  canvas: HTMLCanvasElement;
}

export class ChartCards {
  private readonly cards = new Map<string, Card>();
  private used = new Set<string>();

  constructor(
    private readonly charts: ChartHost,
    private readonly exportPng: (id: string, title: string) => void,
  ) {}

  /** Starts a render pass: cards not filled again before `finish` are removed. */
  begin(): void {
    this.used = new Set();
  }

  /** Puts the cards for `specs` into `container`, in order. */
  fill(container: HTMLElement, specs: (ChartSpec | undefined)[]): void {
    for (const spec of specs) {
      if (!spec) continue;
      const card = this.cards.get(spec.id) ?? this.create(spec.id);
      card.title.textContent = spec.title;
      card.caption.textContent = spec.caption ?? '';
      card.canvas.setAttribute('aria-label', `${spec.title}. ${spec.caption ?? ''}`);
      container.appendChild(card.root);
      this.charts.render(card.canvas, spec);
      this.used.add(spec.id);
    }
  }

  finish(): void {
    for (const [id, card] of this.cards) {
      if (this.used.has(id)) continue;
      card.root.remove();
      this.cards.delete(id);
    }
    this.charts.prune(this.used);
  }

  private create(id: string): Card {
    const title = el('h3', {});
    const canvas = el('canvas', { role: 'img' });
    const caption = el('p', { className: 'caption' });
    const button = el('button', { className: 'secondary', title: 'Save this chart as a PNG image', onclick: () => this.exportPng(id, title.textContent ?? id) }, 'Save PNG');
    const root = el('figure', { className: 'card', 'data-chart': id }, el('div', { className: 'card-head' }, title, button), el('div', { className: 'chart-box' }, canvas), caption);
    const card = { root, title, caption, canvas };
    this.cards.set(id, card);
    return card;
  }
}
