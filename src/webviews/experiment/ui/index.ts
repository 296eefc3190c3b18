// The form controls the experiment editor is built from. Nothing outside ui/ touches the toolkit.
export { busyIndicator, button, divider, link, type Button } from './actions';
export { checkbox, checkList, dropdown, type CheckItem, type Checkbox, type CheckList, type Dropdown, type Option } from './choice';
export type { Field, Problem } from './field';
export { tagList, type TagList } from './tag-list';
export { textArea, type TextArea } from './text-area';
export { numberField, textField, type NumberField, type TextField } from './text-field';
export { registerControls } from './toolkit';
