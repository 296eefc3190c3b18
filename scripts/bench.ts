// `npm run bench`: performance figures of FaaS Lab on this machine, printed, never asserted.
import * as path from 'node:path';
import { benchActivation } from './bench/activation';
import { benchAnalysis } from './bench/analysis';
import { benchAws } from './bench/aws';
import { benchCliStart } from './bench/cli-start';
import { benchColdStarts } from './bench/cold-starts';
import { benchDocker } from './bench/docker';
import { benchHost } from './bench/host';
import { benchLocal } from './bench/local';
import { describeMachine } from './bench/machine';
import { benchPackaging, bundleSizes } from './bench/packaging';
import { benchResultsRender } from './bench/results-render';
import { benchRunner } from './bench/runner';
import { benchStore } from './bench/store';

// The AWS SDK's notice that its 2027 releases need Node 22 says nothing about these figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..');
  console.log(`FaaS Lab benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${describeMachine()}`);
  console.log('targets: local warm overhead ≤ 2 ms p50 · Node cold start ≤ 150 ms');
  for (const line of await benchLocal(path.join(repo, 'examples'))) console.log(line);
  for (const line of await benchColdStarts(repo)) console.log(line);
  for (const line of await benchHost(repo)) console.log(line);
  for (const line of await benchDocker(path.join(repo, 'examples'))) console.log(line);
  for (const line of await benchRunner()) console.log(line);
  for (const line of await benchStore(repo)) console.log(line);
  for (const line of await benchAws()) console.log(line);
  for (const line of await benchPackaging(repo)) console.log(line);
  for (const line of benchAnalysis()) console.log(line);
  for (const line of await benchResultsRender()) console.log(line);
  for (const line of bundleSizes(repo)) console.log(line);
  for (const line of benchActivation(repo)) console.log(line);
  for (const line of benchCliStart(repo)) console.log(line);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
