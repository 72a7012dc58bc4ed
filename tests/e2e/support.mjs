// Helpers for the browser end-to-end tests: a static server for the built page (`dist/`),
// Debian's headless Chromium driven by playwright-core, and the report the CLI prints.
//
// Nothing here downloads anything: the browser is /usr/bin/chromium, the page is served from
// 127.0.0.1, and the page under test must make no request to any other origin.

import { execFileSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(repoRoot, 'dist');
export const artifactsDir = join(repoRoot, 'tests', 'artifacts');

/** The report's totals, in the order the page shows them (`data-testid="total-<name>"`). */
export const TOTAL_NAMES = [
  'produced', 'processed', 'duplicates', 'lost', 'expired',
  'dead_lettered', 'rejected', 'in_flight', 'out_of_order',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves `dist/` (as `trunk build --release` left it) on 127.0.0.1 at a free port, like any
 * static host would: no server logic. Resolves to `{ url, requests, close }`; `requests` lists
 * every path asked for.
 */
export async function serveDist() {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir}/index.html is missing: build the page first (trunk build --release)`);
  }
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    let file = normalize(join(distDir, path));
    if (file !== distDir && !file.startsWith(distDir + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** The flags every headless Chromium here starts with: no sandbox (root), no GPU, no network of its own. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Starts Debian's Chromium headless with the same flags as `openBrowser`, without a persistent
 * profile, for callers that want a fresh context (empty cache and storage) per page load:
 * `browser.newContext()`. Close it with `browser.close()`.
 */
export async function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Starts Debian's Chromium headless with a fresh profile, and opens one page. `problems`
 * collects what a healthy page never does: console errors, uncaught exceptions, failed
 * requests, and requests to any origin other than `origin`.
 */
export async function openBrowser(origin) {
  const profile = mkdtempSync(join(tmpdir(), 'mqlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) problems.push(`request to another origin: ${url}`);
  });
  return {
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as tests/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The `mqlab` binary from `cargo build --release`, if it has been built. */
export function cliPath() {
  const path = process.env.MQLAB_CLI ?? join(repoRoot, 'target', 'release', 'mqlab');
  return existsSync(path) ? path : null;
}

/**
 * The report the native side gives for a preset, and where it came from. Prefers the CLI
 * (`mqlab preset NAME > file; mqlab run file`); without it, the native snapshot that the wasm
 * identity test also checks (crates/scenario/tests/snapshots/<preset>.json).
 */
export function nativeReport(preset) {
  const cli = cliPath();
  if (cli) {
    const work = mkdtempSync(join(tmpdir(), 'mqlab-e2e-'));
    try {
      const scenarioFile = join(work, `${preset}.json`);
      const scenario = execFileSync(cli, ['preset', preset], { encoding: 'utf8' });
      // Through a file, exactly as a learner would: `mqlab preset NAME > s.json; mqlab run s.json`.
      writeFileSync(scenarioFile, scenario);
      const report = execFileSync(cli, ['run', scenarioFile], { encoding: 'utf8' });
      return { report: JSON.parse(report), source: `${cli} run <preset ${preset}>` };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const snapshot = join(repoRoot, 'crates', 'scenario', 'tests', 'snapshots', `${preset}.json`);
  if (existsSync(snapshot)) {
    return { report: JSON.parse(readFileSync(snapshot, 'utf8')), source: snapshot };
  }
  throw new Error(
    `no native report for preset ${preset}: build the CLI (cargo build --release -p mqlab-cli) ` +
      `or write the native snapshots (UPDATE_EXPECT=1 cargo test --workspace)`,
  );
}

/** The preset names in the CLI's order, or null without the CLI. */
export function cliPresetNames() {
  const cli = cliPath();
  if (!cli) return null;
  return execFileSync(cli, ['presets'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** A fresh page with nothing saved (no autosave, no language choice), in English. */
export async function openFreshPage(browser, server) {
  const { page } = browser;
  await page.goto(server.url);
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('mqlab.lang', 'en'); });
  await page.goto(server.url);
  await page.getByTestId('run-state').waitFor();
  return page;
}

/** Clicks "run to the end" and waits until the run has finished. */
export async function runToEnd(page) {
  await page.getByTestId('run-to-end').click();
  await page.locator('[data-testid="run-state"][data-state="finished"]').waitFor({ timeout: 150_000 });
}

/** The report totals the page shows, by name. */
export async function totalsOnPage(page) {
  const totals = {};
  for (const name of TOTAL_NAMES) {
    totals[name] = Number((await page.getByTestId(`total-${name}`).textContent()).trim());
  }
  return totals;
}

/** `mqlab decode LINK > file; mqlab run file`: the CLI's report for the scenario in a link. */
export function cliReportForLink(link) {
  const cli = cliPath();
  const work = mkdtempSync(join(tmpdir(), 'mqlab-e2e-link-'));
  try {
    const scenario = execFileSync(cli, ['decode', link], { encoding: 'utf8' });
    const file = join(work, 'scenario.json');
    writeFileSync(file, scenario);
    return JSON.parse(execFileSync(cli, ['run', file], { encoding: 'utf8' }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The CLI's totals for the scenario in a link. */
export function cliTotalsForLink(link) {
  return cliReportForLink(link).totals;
}

/** Runs `body`, then saves a screenshot named `name` (or `<name>-failure` if it threw). */
export async function withScreenshot(page, name, body) {
  try {
    await body();
    await screenshot(page, name);
  } catch (error) {
    await screenshot(page, `${name}-failure`).catch(() => {});
    throw error;
  }
}

/**
 * Serves `dist/` and opens Chromium for every test of the calling file: `lab.server` and
 * `lab.browser` are set before the first test and closed after the last.
 */
export function labUnderTest() {
  const lab = { server: null, browser: null };
  before(async () => {
    lab.server = await serveDist();
    lab.browser = await openBrowser(new URL(lab.server.url).origin);
  });
  after(async () => {
    await lab.browser?.close();
    await lab.server?.close();
  });
  return lab;
}
