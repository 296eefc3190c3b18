// A scripted UserInput, as the Azure extensions' TestUserInput: the test lists the questions it
// expects in order with their answers; a question not in the script, asked out of order, an
// answer the user could not give (no such item, refused by the input's validation) or answers
// left unused at the end fail the test.
import { AssertionError } from 'node:assert';
import type { PickItem, UserInput } from '../../../../src/extension/ui';

type Matcher = string | RegExp;

export type ScriptedAnswer =
  /** A quick pick whose title matches: choose the item with this label (undefined: Escape), or one of its buttons. */
  | { pick: Matcher; choose: string | undefined; button?: string }
  /** An input box whose title matches: type this (undefined: Escape). */
  | { input: Matcher; type: string | undefined }
  /** A confirmation whose message matches: press the action (true) or cancel (false). */
  | { confirm: Matcher; answer: boolean };

type Kind = 'pick' | 'input' | 'confirm';

function kindOf(a: ScriptedAnswer): Kind {
  return 'pick' in a ? 'pick' : 'input' in a ? 'input' : 'confirm';
}

function matcherOf(a: ScriptedAnswer): Matcher {
  return 'pick' in a ? a.pick : 'input' in a ? a.input : a.confirm;
}

function matches(m: Matcher, text: string): boolean {
  return typeof m === 'string' ? text.includes(m) : m.test(text);
}

export class ScriptedInput implements UserInput {
  private readonly queue: ScriptedAnswer[];
  /** Every question asked, in order ("pick: <title>"). */
  readonly asked: string[] = [];
  private readonly failures: string[] = [];

  constructor(answers: ScriptedAnswer[]) {
    this.queue = [...answers];
  }

  async pick<T>(items: PickItem<T>[], options: { title: string; placeholder?: string }): Promise<T | undefined> {
    const answer = this.take('pick', options.title) as Extract<ScriptedAnswer, { pick: Matcher }>;
    if (answer.choose === undefined) return undefined;
    const item = items.find((i) => i.label === answer.choose);
    if (!item) this.fail(`pick "${options.title}": no item labelled "${answer.choose}"; offered: ${items.map((i) => JSON.stringify(i.label)).join(', ')}`);
    if (answer.button === undefined) return item.value;
    const button = item.buttons?.find((b) => b.tooltip === answer.button);
    if (!button) this.fail(`pick "${options.title}": item "${item.label}" has no button "${answer.button}"; it has: ${(item.buttons ?? []).map((b) => JSON.stringify(b.tooltip)).join(', ') || 'none'}`);
    return button.value;
  }

  async input(options: { title: string; prompt?: string; value?: string; validate?: (text: string) => string | undefined }): Promise<string | undefined> {
    const answer = this.take('input', options.title) as Extract<ScriptedAnswer, { input: Matcher }>;
    if (answer.type === undefined) return undefined;
    const problem = options.validate?.(answer.type);
    if (problem !== undefined) this.fail(`input "${options.title}": "${answer.type}" would be refused: ${problem}`);
    return answer.type;
  }

  async confirm(message: string, _action: string): Promise<boolean> {
    const answer = this.take('confirm', message) as Extract<ScriptedAnswer, { confirm: Matcher }>;
    return answer.answer;
  }

  /** Fails if any scripted answer went unused, or a question failed even if the code caught it. */
  assertDone(): void {
    if (this.failures.length > 0) throw new AssertionError({ message: this.failures.join('\n') });
    if (this.queue.length > 0) {
      throw new AssertionError({ message: `${this.queue.length} scripted answer(s) never used: ${this.queue.map((a) => `${kindOf(a)} ${matcherOf(a)}`).join(', ')} (asked: ${this.asked.join(' | ') || 'nothing'})` });
    }
  }

  private take(kind: Kind, text: string): ScriptedAnswer {
    this.asked.push(`${kind}: ${text}`);
    const next = this.queue[0];
    if (!next) this.fail(`unexpected ${kind} "${text}": no answer is scripted for it`);
    if (kindOf(next) !== kind || !matches(matcherOf(next), text)) {
      this.fail(`unexpected ${kind} "${text}": the script expects ${kindOf(next)} ${matcherOf(next)} next`);
    }
    return this.queue.shift()!;
  }

  private fail(message: string): never {
    this.failures.push(message);
    throw new AssertionError({ message });
  }
}

/** Runs `body` with a scripted input and checks every answer was used. */
export async function answering<T>(answers: ScriptedAnswer[], body: (ui: ScriptedInput) => Promise<T>): Promise<T> {
  const ui = new ScriptedInput(answers);
  const result = await body(ui);
  ui.assertDone();
  return result;
}
