// The webviews' view types as package.json contributes them (customEditors, onWebviewPanel), for
// activation to register: the webview protocols that define them too (src/webviews/*/protocol.ts)
// are 20 KB activation would compile for two strings (test/unit/extension/view-types.test.ts
// holds the three to the same value).
export const RESULTS_VIEW_TYPE = 'faasLab.results';
export const EXPERIMENT_EDITOR_VIEW_TYPE = 'faasLab.experimentEditor';
