// Writes test/fixtures/store-golden/expected/ from the current code: run it only to pin a change
// of output on purpose (`node --import tsx test/unit/core/results/golden/capture.ts`).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CASES, EXPECTED, runCase } from './cases';

async function main(): Promise<void> {
  mkdirSync(EXPECTED, { recursive: true });
  for (const [name, argv] of Object.entries(CASES)) {
    writeFileSync(path.join(EXPECTED, name), await runCase(argv));
    console.log(`wrote ${name}`);
  }
}

void main();
