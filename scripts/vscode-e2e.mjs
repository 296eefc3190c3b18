// The packaged extension in a real VS Code: installs code-server from the npm registry into
// .vscode-test/ (kept between runs), packages dist/faas-lab.vsix, and runs test/integration.
//
//   node scripts/vscode-e2e.mjs                 install when missing, package, test
//   node scripts/vscode-e2e.mjs --install-only  only make sure code-server is installed
//   node scripts/vscode-e2e.mjs --no-package    test the dist/faas-lab.vsix already built
//
// Environment: FAASLAB_CODE_SERVER_DIR (install folder, default .vscode-test/code-server),
// FAASLAB_CHROMIUM (default /usr/bin/chromium). Screenshots go to test-results/vscode-*.png.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

// code-server runs on the Node it is installed with, and each release needs one Node major:
// 4.100.x needs Node 20 (4.139 needs 24). Add a line here when the project moves to a new Node.
const CODE_SERVER_FOR_NODE = { 20: '4.100.3' };

// Native modules VS Code's server needs, built here with node-gyp (npm skips dependencies'
// install scripts unless allowed). Left out on purpose: kerberos (proxy authentication only,
// needs krb5 headers), Windows-only modules, and @vscode/ripgrep, whose install script
// downloads rg from GitHub: Debian's rg is linked in instead.
const VSCODE_ALLOWED_SCRIPTS = {
  '@parcel/watcher': true,
  '@vscode/deviceid': true,
  '@vscode/spdlog': true,
  'native-watchdog': true,
  'node-pty': true,
  kerberos: false,
  '@vscode/ripgrep': false,
  '@vscode/windows-ca-certs': false,
  '@vscode/windows-process-tree': false,
  '@vscode/windows-registry': false,
};

function fail(message) {
  console.error(`vscode-e2e: ${message}`);
  process.exit(1);
}

function run(command, commandArgs, options = {}) {
  const started = Date.now();
  console.log(`vscode-e2e: $ ${command} ${commandArgs.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const r = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  if (r.error) fail(`${command} could not start: ${r.error.message}`);
  if (r.status !== 0) fail(`${command} ${commandArgs.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return Date.now() - started;
}

function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function codeServerVersion() {
  if (process.env.FAASLAB_CODE_SERVER_VERSION) return process.env.FAASLAB_CODE_SERVER_VERSION;
  const major = Number(process.versions.node.split('.')[0]);
  const version = CODE_SERVER_FOR_NODE[major];
  if (!version) {
    fail(`no code-server release is known to run on Node ${process.versions.node} here (known: ${Object.entries(CODE_SERVER_FOR_NODE).map(([n, v]) => `Node ${n} → code-server ${v}`).join(', ')}). Use one of those Node versions, or set FAASLAB_CODE_SERVER_VERSION to a release whose package.json engines.node matches.`);
  }
  return version;
}

/** The install folder's code-server binary, installing it first when it is missing. */
function ensureCodeServer() {
  const dir = resolve(repo, process.env.FAASLAB_CODE_SERVER_DIR ?? '.vscode-test/code-server');
  const version = codeServerVersion();
  const bin = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = join(dir, 'installed.json');
  const installed = existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : undefined;
  if (installed?.version === version && installed.node === process.versions.node && existsSync(bin)) {
    console.log(`vscode-e2e: code-server ${version} already installed in ${dir}`);
    return bin;
  }

  const rg = which('rg');
  if (!rg) fail('ripgrep (rg) is not on PATH: VS Code finds files with it. Install it (Debian: apt-get install ripgrep) and run again.');
  for (const tool of ['python3', 'make', 'g++']) {
    if (!which(tool)) fail(`${tool} is not on PATH: code-server's native modules are built with node-gyp, which needs python3, make and g++.`);
  }

  const started = Date.now();
  console.log(`vscode-e2e: installing code-server ${version} into ${dir} (once; later runs reuse it)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // argon2 is loaded at start-up even with --auth none. code-server's own postinstall is
  // replaced by the steps below: it runs nested `npm install`s whose dependencies' scripts
  // npm would skip, and passes config that npm 11 refuses in a project install.
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({
    private: true,
    description: 'code-server for FaaS Lab integration tests (scripts/vscode-e2e.mjs)',
    dependencies: { 'code-server': version },
    allowScripts: { argon2: true, 'code-server': false },
  }, null, 2)}\n`);
  const env = { ...process.env, JOBS: 'max' };
  // node-gyp needs Node's headers: use the ones installed beside this node (Debian's nodejs
  // ships them in /usr/include/node) rather than downloading them from nodejs.org.
  const prefix = resolve(dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir, env });

  // What code-server's postinstall.sh does, with the install scripts allowed explicitly.
  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  const manifestPath = join(vscodeDir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.allowScripts = VSCODE_ALLOWED_SCRIPTS;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  // node-pty's postinstall fetches node-gyp with npx: answer its prompt.
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: vscodeDir, env: { ...env, npm_config_yes: 'true' } });
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: join(vscodeDir, 'extensions'), env });
  relink(join(vscodeDir, 'node_modules.asar'), 'node_modules');
  relink(join(vscodeDir, 'bin', 'remote-cli', 'code-server'), 'code-linux.sh');
  relink(join(vscodeDir, 'bin', 'helpers', 'browser.sh'), 'browser-linux.sh');
  mkdirSync(join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin'), { recursive: true });
  relink(join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'), rg);

  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(marker, `${JSON.stringify({ version, node: process.versions.node, installedAt: new Date().toISOString(), seconds }, null, 2)}\n`);
  console.log(`vscode-e2e: code-server ${version} installed in ${seconds} s`);
  return bin;
}

function relink(path, target) {
  rmSync(path, { force: true, recursive: true });
  symlinkSync(target, path);
}

const codeServer = ensureCodeServer();
if (args.has('--install-only')) process.exit(0);

const vsix = join(repo, 'dist', 'faas-lab.vsix');
if (!args.has('--no-package')) run('npm', ['run', 'package'], { cwd: repo });
if (!existsSync(vsix)) fail(`${vsix} is missing: run npm run package (or drop --no-package)`);

const chromium = process.env.FAASLAB_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) fail(`no Chromium at ${chromium}: install it (Debian: apt-get install chromium) or set FAASLAB_CHROMIUM`);

const ms = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/integration/vscode.test.ts'], {
  cwd: repo,
  env: { ...process.env, FAASLAB_CODE_SERVER: codeServer, FAASLAB_VSIX: vsix, FAASLAB_CHROMIUM: chromium },
});
console.log(`vscode-e2e: integration test passed in ${Math.round(ms / 1000)} s; screenshots in test-results/vscode-*.png`);
