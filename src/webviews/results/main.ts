// The results explorer webview: restores its saved state, asks the extension for data, checks
// every message it receives, and draws the run or the comparison in the current theme.
import { ChartCards } from './cards';
import { ChartHost } from './charts';
import { ComparePage } from './compare-page';
import { APP_ELEMENT_ID, INITIAL_STATE_ELEMENT_ID } from '../page';
import { el, replaceChildren } from '../shared/dom';
import { isMessageToWebview, isResultsState, RESULTS_STATE_VERSION, type MessageToHost, type MessageToWebview, type ResultsState } from './protocol';
import { RunPage, type PageChoices } from './run-page';
import { readPalette, watchTheme, type Palette } from './theme';
import { poster, savedState, saveState } from '../shared/vscode-api';

function initialState(): ResultsState | undefined {
  const saved = savedState();
  if (isResultsState(saved)) return saved;
  const text = document.getElementById(INITIAL_STATE_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isResultsState(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const post = poster<MessageToHost>();
const app = document.getElementById(APP_ELEMENT_ID) ?? document.body.appendChild(el('main', { id: APP_ELEMENT_ID }));
let state = initialState();
let palette: Palette = readPalette();
let shown: Extract<MessageToWebview, { type: 'showRun' | 'showComparison' }> | undefined;

const charts = new ChartHost();
charts.setBackground(palette.background);
const cards = new ChartCards(charts, (id, title) => {
  const dataUrl = charts.png(id, title, { colour: palette.foreground, fontFamily: palette.fontFamily, fontSize: palette.fontSize });
  if (dataUrl) post({ type: 'exportPng', name: `${id}.png`, dataUrl });
});
const exportCsv = (runDir: string) => post({ type: 'exportCsv', runDir });
const runPage = new RunPage(cards, { choose: (choices) => choose(choices), exportCsv, filter: (filter) => filterCalls(filter), resume: () => post({ type: 'resumeRun' }) });
const comparePage = new ComparePage(cards, { chooseMetric: (metric) => choose({ metric, group: state?.group }), exportCsv });

function choose(choices: PageChoices): void {
  if (state) {
    state = { ...state, metric: choices.metric, ...(choices.group === undefined ? {} : { group: choices.group }) };
    saveState(state);
  }
  render();
}

/** The host reshapes the run from the calls the filter keeps; the filter is saved to come back after a reload. */
function filterCalls(filter: ResultsState['filter']): void {
  if (state) {
    state = { ...state, filter };
    if (!filter) delete state.filter;
    saveState(state);
  }
  post({ type: 'filterCalls', filter });
}

function render(): void {
  if (!shown) return;
  const choices: PageChoices = { metric: state?.metric ?? 'roundTripMs', group: state?.group };
  if (shown.type === 'showRun') {
    if (app.firstElementChild !== runPage.root) replaceChildren(app, runPage.root);
    runPage.render(shown.view, choices, palette);
  } else {
    if (app.firstElementChild !== comparePage.root) replaceChildren(app, comparePage.root);
    comparePage.render(shown.view, choices.metric, palette);
  }
}

function showProblem(message: string): void {
  shown = undefined;
  replaceChildren(app, el('div', { className: 'page' }, el('p', { className: 'problem', role: 'alert' }, message)));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  // Only this webview's protocol, checked whole: anything else is ignored.
  if (!isMessageToWebview(message)) return;
  if (message.type === 'loadFailed') {
    showProblem(message.message);
    return;
  }
  shown = message;
  if (state) {
    const live = message.type === 'showRun' && message.view.live;
    if (state.live !== live) {
      state = { ...state, live };
      saveState(state);
    }
  }
  render();
});

watchTheme(() => {
  palette = readPalette();
  charts.setBackground(palette.background);
  render();
});

if (state) {
  saveState({ ...state, version: RESULTS_STATE_VERSION });
  replaceChildren(app, el('p', { className: 'loading' }, 'Reading the run…'));
} else {
  showProblem('This panel does not know which run to show: open it again with “FaaS Lab: Open Results”.');
}
post({ type: 'ready', filter: state?.filter });
