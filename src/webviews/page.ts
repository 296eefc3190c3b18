// What every FaaS Lab webview page has, agreed between the HTML helper (extension host) and each
// webview's main.ts: the element the page renders into, and the JSON block with its first state.

export const APP_ELEMENT_ID = 'app';
export const INITIAL_STATE_ELEMENT_ID = 'faaslab-initial-state';
