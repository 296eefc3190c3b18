import * as vscode from 'vscode';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Actions on the item itself (e.g. "Resume run" on a run): choosing one answers its value. */
  buttons?: PickButton<T>[];
}

export interface PickButton<T> {
  /** A codicon id, e.g. `debug-continue`. */
  icon: string;
  tooltip: string;
  value: T;
}

/** The questions FaaS Lab asks a user, behind an interface so tests can script the answers. */
export interface UserInput {
  pick<T>(items: PickItem<T>[], options: { title: string; placeholder?: string }): Promise<T | undefined>;
  input(options: { title: string; prompt?: string; value?: string; validate?: (text: string) => string | undefined }): Promise<string | undefined>;
  confirm(message: string, action: string): Promise<boolean>;
}

type QuickItem<T> = vscode.QuickPickItem & { item: PickItem<T> };

/** A quick pick whose items carry buttons: an item or one of its buttons answers it. */
function pickWithButtons<T>(items: PickItem<T>[], options: { title: string; placeholder?: string }): Promise<T | undefined> {
  const quick = vscode.window.createQuickPick<QuickItem<T>>();
  quick.title = options.title;
  quick.placeholder = options.placeholder;
  quick.matchOnDescription = true;
  quick.items = items.map((item) => ({
    label: item.label,
    description: item.description,
    detail: item.detail,
    item,
    buttons: item.buttons?.map((b) => ({ iconPath: new vscode.ThemeIcon(b.icon), tooltip: b.tooltip })),
  }));
  return new Promise<T | undefined>((resolve) => {
    let answer: T | undefined;
    quick.onDidAccept(() => {
      answer = quick.selectedItems[0]?.item.value;
      quick.hide();
    });
    quick.onDidTriggerItemButton((e) => {
      const index = e.item.buttons?.indexOf(e.button) ?? -1;
      answer = e.item.item.buttons?.[index]?.value;
      quick.hide();
    });
    quick.onDidHide(() => {
      quick.dispose();
      resolve(answer);
    });
    quick.show();
  });
}

export const vscodeUserInput: UserInput = {
  async pick(items, options) {
    if (items.some((i) => i.buttons?.length)) return pickWithButtons(items, options);
    const chosen = await vscode.window.showQuickPick(items.map(({ buttons: _none, ...item }) => item), { title: options.title, placeHolder: options.placeholder, matchOnDescription: true });
    return chosen?.value;
  },
  input(options) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        value: options.value,
        validateInput: options.validate,
        ignoreFocusOut: true,
      }),
    );
  },
  async confirm(message, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
  },
};
