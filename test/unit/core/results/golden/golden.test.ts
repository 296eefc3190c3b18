// report, export and compare print byte for byte what they printed before the store streamed its
// records (expected/ was captured then, from the same runs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CASES, EXPECTED, runCase } from './cases';

for (const [name, argv] of Object.entries(CASES)) {
  test(`golden: faas-lab ${argv[0]} ${name}`, async () => {
    const expected = readFileSync(path.join(EXPECTED, name), 'utf8');
    const actual = await runCase(argv);
    assert.ok(actual === expected, `${name} differs from the golden output`);
    assert.equal(actual, expected);
  });
}
