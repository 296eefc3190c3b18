// One measurement per process (RSS figures stay this process's own): `runner` drives the
// experiment runner, `raw` a plain node:http loop at the same concurrency as the ceiling.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseExperiment, runExperiment } from '../../src/core/experiment';
import { concurrencyTimeline } from '../../src/core/results/concurrency';
import { readRun } from '../../src/core/results/store';
import { ProviderRegistry } from '../../src/providers/registry';
import { HttpStubProvider } from '../../test/fixtures/http-stub/provider';
import { percentile } from './stats';

const [mode, url, callsArg, inFlightArg] = process.argv.slice(2);
const calls = Number(callsArg);
const inFlight = Number(inFlightArg);

async function runner() {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-run-'));
  const registry = new ProviderRegistry();
  registry.register(new HttpStubProvider({ url, id: 'docker', functionName: 'sleeper', maxSockets: inFlight }));
  const text = JSON.stringify({ experimentName: 'bench', function: 'sleeper', platform: 'docker', runs: calls, threads: inFlight, iterations: 1 });
  const { spec, problems } = parseExperiment(path.join(dir, 'bench.experiment.json'), text);
  if (!spec) throw new Error(problems.map((p) => p.message).join('; '));
  const started = performance.now();
  const result = await runExperiment({ spec, providers: registry, runsDir: dir });
  const wallMs = performance.now() - started;
  // Reading the records back for these figures is not part of the run's footprint.
  stopSampling();
  const { records } = await readRun(result.runDir);
  rmSync(dir, { recursive: true, force: true });
  const ok = records.filter((r) => r.status === 'ok' && r.runtime !== undefined);
  const overhead = ok.map((r) => r.roundTripMs - r.runtime!);
  return { wallMs, recorded: records.length, ok: ok.length, peakInFlight: concurrencyTimeline(records)?.peak ?? 0, overhead };
}

async function raw() {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const overhead: number[] = [];
  let next = 0;
  let current = 0;
  let peak = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      current++;
      peak = Math.max(peak, current);
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          current--;
          const body = JSON.parse(Buffer.concat(chunks).toString()) as { metrics?: { runtime?: number } };
          overhead.push(performance.now() - t0 - (body.metrics?.runtime ?? 0));
          resolve();
        });
      });
      req.on('error', reject);
      req.end('{}');
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < calls) {
        next++;
        await one();
      }
    }),
  );
  agent.destroy();
  stopSampling();
  return { wallMs: performance.now() - started, recorded: overhead.length, ok: overhead.length, peakInFlight: peak, overhead };
}

const cpuAtStart = process.cpuUsage();
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
let cpuUsed: NodeJS.CpuUsage | undefined;
function cpuMs(): number {
  const used = cpuUsed ?? process.cpuUsage(cpuAtStart);
  return (used.user + used.system) / 1000;
}
function stopSampling(): void {
  cpuUsed ??= process.cpuUsage(cpuAtStart);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  clearInterval(sampler);
}
(mode === 'raw' ? raw() : runner())
  .then((r) => {
    const out = {
      wallMs: r.wallMs,
      recorded: r.recorded,
      ok: r.ok,
      peakInFlight: r.peakInFlight,
      overheadP50: percentile(r.overhead, 50),
      overheadP99: percentile(r.overhead, 99),
      peakRssMB: peakRss / 2 ** 20,
      cpuMs: cpuMs(),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
