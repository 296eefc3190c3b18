// The one place that knows the controls come from @vscode/webview-ui-toolkit: registering its web
// components. The toolkit is deprecated; replacing it means changing only the files in ui/.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeLink,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerControls(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeLink(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}

/** The toolkit's elements as this layer uses them: a value, a disabled flag, and for checkboxes checked. */
export interface ToolkitInput extends HTMLElement {
  value: string;
  disabled: boolean;
}

export interface ToolkitCheckbox extends HTMLElement {
  checked: boolean;
  disabled: boolean;
}

export function toolkitElement<T extends HTMLElement>(tag: 'text-field' | 'text-area' | 'dropdown' | 'option' | 'checkbox' | 'button' | 'link' | 'divider' | 'progress-ring'): T {
  registerControls();
  return document.createElement(`vscode-${tag}`) as T;
}
