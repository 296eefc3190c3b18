// The CLI's `faasLab.*` settings: the workspace's .vscode/settings.json, where VS Code keeps them,
// so a headless run (CI, a lab machine) uses the same region, role, images and limits as the editor.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LineMap } from '../core/text/line-map';
import type { SettingReader } from '../providers/settings';
import { UsageError } from './args';

const PREFIX = 'faasLab.';

/** A reader over `<root>/.vscode/settings.json` (JSON with comments); every default when there is none. */
export function workspaceSettings(root: string): SettingReader {
  const file = path.join(root, '.vscode', 'settings.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return (_key, fallback) => fallback;
  }
  const errors: ParseError[] = [];
  const values: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const { line, col } = new LineMap(text).position(errors[0].offset);
    throw new UsageError(`${file}:${line + 1}:${col + 1}: ${printParseErrorCode(errors[0].error)}: fix the JSON (FaaS Lab reads its faasLab.* settings there)`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new UsageError(`${file} must hold one JSON object of settings, e.g. { "faasLab.aws.region": "eu-west-1" }`);
  }
  const settings = values as Record<string, unknown>;
  return <T>(key: string, fallback: T): T => {
    const value = settings[PREFIX + key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== typeof fallback) {
      throw new UsageError(`${PREFIX}${key} in ${file} is ${JSON.stringify(value)}, but must be a ${typeof fallback} (e.g. ${JSON.stringify(fallback)})`);
    }
    return value as T;
  };
}
