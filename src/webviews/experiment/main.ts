// The experiment editor webview: draws the form from its saved state at once, asks the extension
// for the document, checks every message it receives, and sends each change the user makes.
import { APP_ELEMENT_ID } from '../page';
import { EditorPage } from './editor-page';
import { isMessageToWebview, type MessageToHost } from './protocol';
import { PageState } from './state';
import { el } from '../shared/dom';
import { poster } from '../shared/vscode-api';

const post = poster<MessageToHost>();
const state = new PageState();
const page = new EditorPage(
  {
    change: (change) => post({ type: 'edit', change }),
    run: () => post({ type: 'run' }),
    openAsText: () => post({ type: 'openAsText' }),
    refreshChoices: () => post({ type: 'refreshChoices' }),
  },
  state,
);
const app = document.getElementById(APP_ELEMENT_ID) ?? document.body.appendChild(el('main', { id: APP_ELEMENT_ID }));
app.replaceChildren(page.root);

// Draw what was shown before the reload; the host's answer to 'ready' replaces it.
const saved = state.get();
if (saved.choices) page.showChoices(saved.choices);
if (saved.document) page.showDocument(saved.document);
if (saved.estimate) page.showEstimate(saved.estimate);
if (saved.scrollY > 0) requestAnimationFrame(() => window.scrollTo(0, saved.scrollY));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  // Only this webview's protocol, checked whole: anything else is ignored.
  if (!isMessageToWebview(message)) return;
  switch (message.type) {
    case 'document':
      state.update({ document: message });
      page.showDocument(message);
      return;
    case 'choices':
      state.update({ choices: message });
      page.showChoices(message);
      return;
    case 'estimate':
      state.update({ estimate: message.estimate });
      page.showEstimate(message.estimate);
      return;
    case 'editRejected':
      page.showRejected(message.field, message.index, message.message);
      return;
    case 'runState':
      page.showRun(message.run);
      return;
  }
});

let scrollTimer: number | undefined;
window.addEventListener('scroll', () => {
  window.clearTimeout(scrollTimer);
  scrollTimer = window.setTimeout(() => state.update({ scrollY: window.scrollY }), 200);
});

post({ type: 'ready' });
