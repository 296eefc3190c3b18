// The page's saved state: the last messages (to draw at once after a reload, before the host
// answers), payload text not yet written, and the scroll position. Versioned and validated.
import { EXPERIMENT_EDITOR_STATE_VERSION, isExperimentEditorState, type ExperimentEditorState } from './protocol';
import { savedState, saveState } from '../shared/vscode-api';

export class PageState {
  private state: ExperimentEditorState;

  constructor() {
    const saved = savedState();
    this.state = isExperimentEditorState(saved) ? saved : { version: EXPERIMENT_EDITOR_STATE_VERSION, drafts: {}, scrollY: 0 };
  }

  get(): Readonly<ExperimentEditorState> {
    return this.state;
  }

  update(change: Partial<Omit<ExperimentEditorState, 'version'>>): void {
    this.state = { ...this.state, ...change, version: EXPERIMENT_EDITOR_STATE_VERSION };
    saveState(this.state);
  }

  draft(id: string): string | undefined {
    return this.state.drafts[id];
  }

  setDraft(id: string, text: string | undefined): void {
    const drafts = { ...this.state.drafts };
    if (text === undefined) delete drafts[id];
    else drafts[id] = text;
    this.update({ drafts });
  }
}
