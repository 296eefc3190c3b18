import type { UserInput } from '../ui';

/** A whole number from `min` to `max`, starting from `value`; undefined when the user cancels. */
export async function askNumber(ui: UserInput, title: string, value: number, min: number, max: number): Promise<number | undefined> {
  const text = await ui.input({
    title,
    value: String(value),
    validate: (t) => (/^\d+$/.test(t.trim()) && +t >= min && +t <= max ? undefined : `Enter a whole number from ${min} to ${max}`),
  });
  return text === undefined ? undefined : Number(text.trim());
}
