// Benchmark of the built page in headless Chromium: the release `.wasm` sizes, the time to first
// render on localhost, and the frame times while a 50 000 msg/s scenario runs at top speed with
// every chart open. A benchmark, not a test: it prints figures and fails only when the page does
// not work (no first render, a run that never finishes, console errors).
//
//   trunk build --release --skip-version-check      # dist/
//   node scripts/bench-web.mjs [options]
//
// Options:
//   --loads N        cold page loads for the first-render figure (default 10)
//   --runs N         runs of the scenario for the frame-time figure (default 1)
//   --scenario FILE  the scenario to run (default tests/bench/fifty-k.json)
//   --profile        also record one Chromium trace of the run and print where the page's main
//                    thread spends its time (a separate run: tracing slows the page down)
//   --out FILE       where the JSON summary goes (default tests/artifacts/bench-web.json)
//   --no-write       print only
//
// The scenario goes into the page as its share link (`mqlab link FILE`) when the CLI is built
// (`MQLAB_CLI`, or target/release/mqlab), otherwise through the `import` file input.
// Figures and how to read them: docs/benchmarks.md, "The page in the browser".

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import {
  artifactsDir, cliPath, distDir, launchChromium, repoRoot, serveDist,
} from '../tests/e2e/support.mjs';

const VIEWPORT = { width: 1440, height: 900 };
/** One frame at 60 Hz, and two. */
const FRAME_BUDGET_MS = 1000 / 60;
const FRAME_BUDGET_2_MS = 2000 / 60;
/**
 * Frame timestamps here are multiples of 0.1 ms (the page is not cross-origin isolated) and
 * jitter by about as much, so a frame on time measures 16.6 to 16.8 ms. A frame counts as over
 * the budget only when it is longer by more than this.
 */
const JITTER_MS = 1.0;
/** A run that has not finished after this long has hung: the benchmark stops with an error. */
const RUN_TIMEOUT_MS = 600_000;
/** Frames recorded while the page sits idle before the run, to show the headless frame cadence. */
const IDLE_BASELINE_MS = 2_000;

function parseArgs(argv) {
  const options = {
    loads: 10,
    runs: 1,
    scenario: join(repoRoot, 'tests', 'bench', 'fifty-k.json'),
    profile: false,
    out: join(artifactsDir, 'bench-web.json'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      i += 1;
      if (i >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[i];
    };
    const count = () => {
      const n = Number.parseInt(value(), 10);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`${arg}: a whole number from 1 to 1000`);
      return n;
    };
    if (arg === '--loads') options.loads = count();
    else if (arg === '--runs') options.runs = count();
    else if (arg === '--scenario') options.scenario = resolve(value());
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--out') options.out = resolve(value());
    else if (arg === '--no-write') options.out = null;
    else throw new Error(`unknown option ${arg} (see the comment at the top of scripts/bench-web.mjs)`);
  }
  return options;
}

/** The value below which a fraction `q` of the sorted values lie (nearest rank). */
function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? null,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? null,
  };
}

const round = (x, digits = 1) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** Each `dist/*.wasm`: raw bytes and gzip -9 bytes. */
function wasmSizes() {
  const files = readdirSync(distDir).filter((name) => name.endsWith('.wasm')).sort();
  if (files.length === 0) throw new Error(`no .wasm in ${distDir}: build the page first (trunk build --release)`);
  const rows = files.map((name) => {
    const bytes = readFileSync(join(distDir, name));
    return { file: name, raw_bytes: bytes.length, gzip9_bytes: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files: rows,
    total_raw_bytes: rows.reduce((sum, r) => sum + r.raw_bytes, 0),
    total_gzip9_bytes: rows.reduce((sum, r) => sum + r.gzip9_bytes, 0),
  };
}

/**
 * Runs in the page before any of its scripts. Records, on `window.__bench`:
 * - `firstRenderMs`: `performance.now()` (milliseconds since navigation start) when the run
 *   bar's `[data-testid="run-state"]` is first in the document, and `firstFrameMs`, the first
 *   animation frame after it (the frame that paints it);
 * - `frames`: every `requestAnimationFrame` timestamp from then on;
 * - `states`: each change of the run state, with its time;
 * - `longTasks`: long tasks (over 50 ms) of the main thread, when the browser reports them.
 */
function pageProbe() {
  const bench = {
    firstRenderMs: null,
    firstFrameMs: null,
    frames: [],
    states: [],
    longTasks: [],
    longTaskSupported: false,
    clicks: [],
  };
  window.__bench = bench;
  try {
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    });
    observer.observe({ type: 'longtask', buffered: true });
    bench.longTaskSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
  } catch (error) {
    bench.longTaskSupported = false;
  }
  const tick = (time) => {
    if (bench.frames.length < 1_000_000) bench.frames.push(time);
    requestAnimationFrame(tick);
  };
  let stateNode = null;
  const watchState = () => {
    const state = stateNode.getAttribute('data-state');
    const last = bench.states[bench.states.length - 1];
    if (!last || last.state !== state) bench.states.push({ state, at: performance.now() });
  };
  const found = () => {
    const node = document.querySelector('[data-testid="run-state"]');
    if (!node) return false;
    bench.firstRenderMs = performance.now();
    requestAnimationFrame(() => {
      // performance.now() rather than the callback's timestamp: that is the frame's begin time,
      // which can precede the moment the element was attached.
      bench.firstFrameMs = performance.now();
      requestAnimationFrame(tick);
    });
    stateNode = node;
    watchState();
    new MutationObserver(watchState).observe(node, { attributes: true, attributeFilter: ['data-state'] });
    return true;
  };
  // The moment the run is started: the click itself, as the page receives it.
  document.addEventListener('click', (event) => {
    const id = event.target?.closest?.('[data-testid]')?.getAttribute('data-testid');
    if (id) bench.clicks.push({ id, at: performance.now() });
  }, true);
  const observer = new MutationObserver(() => {
    if (found()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return { context, page, problems };
}

/** One cold load: a fresh context (empty cache and storage), navigate, wait for the run bar. */
async function coldLoad(browser, url) {
  const { context, page, problems } = await newPage(browser);
  try {
    await page.goto(url);
    await page.locator('[data-testid="run-state"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForFunction(() => window.__bench.firstFrameMs !== null);
    const figures = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
      const wasm = performance.getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.wasm'))
        .map((e) => e.responseEnd);
      return {
        first_render_ms: window.__bench.firstRenderMs,
        first_frame_ms: window.__bench.firstFrameMs,
        response_end_ms: nav?.responseEnd ?? null,
        dom_content_loaded_ms: nav?.domContentLoadedEventEnd ?? null,
        load_event_ms: nav?.loadEventEnd ?? null,
        first_contentful_paint_ms: paint['first-contentful-paint'] ?? null,
        wasm_fetched_ms: wasm.length ? Math.max(...wasm) : null,
      };
    });
    if (problems.length) throw new Error(`the page misbehaved on load:\n${problems.join('\n')}`);
    return figures;
  } finally {
    await context.close();
  }
}

/** The scenario as the page's share link (`#v1.…`), or null without the CLI. */
function shareFragment(scenarioFile) {
  const cli = cliPath();
  if (!cli) return null;
  return execFileSync(cli, ['link', scenarioFile], { encoding: 'utf8' }).trim();
}

/**
 * Opens the page with the scenario, opens the charts, picks top speed, starts the run and waits
 * for it to finish; returns the frame times in the run, the long tasks and the run's wall time.
 * With `trace`, records a Chromium trace of the run instead and returns it too.
 */
async function frameRun(browser, url, scenarioFile, { trace = false } = {}) {
  const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
  const fragment = shareFragment(scenarioFile);
  const { context, page, problems } = await newPage(browser);
  try {
    await page.goto(fragment ? `${url}${fragment}` : url);
    await page.locator('[data-testid="run-state"]').waitFor({ state: 'attached', timeout: 30_000 });
    if (!fragment) {
      await page.getByTestId('import').setInputFiles(scenarioFile);
    }
    // The scenario is the page's: the name shows up in the share link's scenario.
    const link = await page.getByTestId('link').inputValue();
    if (!link.includes('#v1.')) throw new Error(`the page holds no scenario link: ${link}`);
    await page.locator('[data-testid="run-state"][data-state="idle"]').waitFor();

    await page.getByTestId('speed').selectOption('6');
    const speedLabel = await page.getByTestId('speed').evaluate((s) => s.options[s.selectedIndex].text);
    // A few seconds of the idle page, for the frame cadence headless Chromium gives here.
    await page.waitForTimeout(IDLE_BASELINE_MS);

    if (trace) {
      await browser.startTracing(page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel',
          'disabled-by-default-v8.cpu_profiler'],
      });
    }
    await page.getByTestId('run').click();
    await page.getByTestId('charts').waitFor({ state: 'visible', timeout: 30_000 });
    const chartsOpen = await page.getByTestId('charts-toggle').getAttribute('aria-expanded');
    if (chartsOpen !== 'true') await page.getByTestId('charts-toggle').click();
    const canvases = await page.locator('[data-testid="charts"] canvas').count();
    await page.locator('[data-testid="run-state"][data-state="finished"]')
      .waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS });
    // A few more frames after the end, then stop.
    await page.waitForTimeout(200);
    const traceBuffer = trace ? await browser.stopTracing() : null;

    const recorded = await page.evaluate(() => {
      const b = window.__bench;
      return {
        frames: b.frames,
        states: b.states,
        clicks: b.clicks,
        longTasks: b.longTasks,
        longTaskSupported: b.longTaskSupported,
      };
    });
    const produced = Number(await page.getByTestId('total-produced').textContent());
    const processed = Number(await page.getByTestId('total-processed').textContent());
    const pageWallText = await page.getByTestId('wall-ms').textContent().catch(() => null);
    const clock = await page.getByTestId('clock').textContent();
    if (problems.length) throw new Error(`the page misbehaved during the run:\n${problems.join('\n')}`);

    const click = recorded.clicks.find((c) => c.id === 'run');
    const startMs = click?.at ?? recorded.states.find((s) => s.state === 'running')?.at;
    const finished = recorded.states.find((s) => s.state === 'finished' && s.at >= startMs);
    if (startMs === undefined || !finished) throw new Error(`no start or end of the run: ${JSON.stringify(recorded.states)}`);
    const endMs = finished.at;

    const deltasIn = (from, to) => {
      const deltas = [];
      for (let i = 1; i < recorded.frames.length; i += 1) {
        const t = recorded.frames[i];
        if (t > from && t <= to && recorded.frames[i - 1] >= from) deltas.push(t - recorded.frames[i - 1]);
      }
      return deltas;
    };
    const deltas = deltasIn(startMs, endMs);
    const idle = deltasIn(startMs - IDLE_BASELINE_MS + 250, startMs);
    const longTasks = recorded.longTasks.filter((t) => t.start + t.duration > startMs && t.start < endMs);
    const over = (limit) => deltas.filter((d) => d > limit + JITTER_MS).length;
    const frames = summary(deltas);
    return {
      result: {
        scenario: relative(repoRoot, scenarioFile),
        scenario_by: fragment ? 'share link (mqlab link)' : 'import file input',
        speed: speedLabel,
        chart_canvases: canvases,
        wall_s: round((endMs - startMs) / 1000, 2),
        page_wall: pageWallText?.trim() ?? null,
        virtual_s: scenario.horizon_s ?? 60,
        clock: clock.trim(),
        produced,
        processed,
        messages_per_wall_s: Math.round(produced / ((endMs - startMs) / 1000)),
        frame_ms: {
          count: frames.n,
          median: round(frames.median),
          p95: round(frames.p95),
          p99: round(frames.p99),
          max: round(frames.max),
          mean: round(deltas.reduce((s, d) => s + d, 0) / Math.max(1, deltas.length)),
          over_16_7_fraction: round(over(FRAME_BUDGET_MS) / Math.max(1, deltas.length), 3),
          over_33_fraction: round(over(FRAME_BUDGET_2_MS) / Math.max(1, deltas.length), 3),
          frames_per_s: round(deltas.length / ((endMs - startMs) / 1000)),
        },
        idle_frame_ms: { count: idle.length, median: round(summary(idle).median), p95: round(summary(idle).p95) },
        long_tasks: recorded.longTaskSupported
          ? {
            count: longTasks.length,
            total_ms: Math.round(longTasks.reduce((s, t) => s + t.duration, 0)),
            max_ms: Math.round(Math.max(0, ...longTasks.map((t) => t.duration))),
            // Each one's start, in seconds after the click on `run`, and its length in ms.
            each: longTasks.map((t) => ({ at_s: round((t.start - startMs) / 1000, 2), ms: Math.round(t.duration) })),
          }
          : 'not reported by this browser',
      },
      trace: traceBuffer,
      window: { startMs, endMs },
    };
  } finally {
    await context.close();
  }
}

/**
 * Where the renderer's main thread spent the run, from a Chromium trace: the time of the
 * top-level tasks' children by event name (script, style, layout, paint, …), and the busiest
 * script functions by self time from the V8 CPU profile in the trace, when there is one.
 */
function traceBreakdown(buffer) {
  const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
  // The page's renderer main thread: the thread named CrRendererMain that ran the most.
  const threadNames = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name);
  }
  const busy = new Map();
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'RunTask') {
      const key = `${e.pid}:${e.tid}`;
      busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
    }
  }
  const byThread = [...busy.entries()]
    .map(([key, us]) => ({ thread: threadNames.get(key) ?? key, key, busy_ms: Math.round(us / 1000) }))
    .sort((a, b) => b.busy_ms - a.busy_ms);
  const main = byThread.find((t) => t.thread === 'CrRendererMain');
  if (!main) return { threads: byThread.slice(0, 8) };
  const mainEvents = events
    .filter((e) => `${e.pid}:${e.tid}` === main.key && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = mainEvents.filter((e) => e.name === 'RunTask');
  const first = tasks[0]?.ts ?? 0;
  const last = tasks.length ? tasks[tasks.length - 1].ts + tasks[tasks.length - 1].dur : 0;
  // Self time by event name (an event's duration less its children's): where the thread's
  // time went, each microsecond counted once. Trace events on one thread nest properly.
  const selfByName = new Map();
  const stack = [];
  const close = (until) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const done = stack.pop();
      selfByName.set(done.name, (selfByName.get(done.name) ?? 0) + done.self);
    }
  };
  for (const e of mainEvents) {
    close(e.ts);
    if (stack.length) stack[stack.length - 1].self -= Math.min(e.dur, stack[stack.length - 1].end - e.ts);
    stack.push({ name: e.name, end: e.ts + e.dur, self: e.dur });
  }
  close(Infinity);
  const selfMs = Object.fromEntries([...selfByName.entries()]
    .sort((x, y) => y[1] - x[1]).slice(0, 20)
    .map(([name, us]) => [name, Math.round(us / 1000)]));
  // Inclusive time of the events that say what a task was for.
  const wellKnown = ['FireAnimationFrame', 'FunctionCall', 'TimerFire', 'HandlePostMessage',
    'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest',
    'MinorGC', 'MajorGC'];
  const all = mainEvents.reduce((m, e) => m.set(e.name, (m.get(e.name) ?? 0) + e.dur), new Map());
  const named = Object.fromEntries(wellKnown.filter((n) => all.has(n)).map((n) => [n, Math.round(all.get(n) / 1000)]));

  // Self time of script functions, from the sampled profile Chromium writes into the trace.
  // The profile is announced on the thread it samples ("Profile"); its samples come in
  // "ProfileChunk" events with the same id, from V8's profiler thread.
  const profileId = events.find((e) => e.name === 'Profile' && `${e.pid}:${e.tid}` === main.key)?.id;
  const mainPid = main.key.split(':')[0];
  const nodes = new Map();
  const selfUs = new Map();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id !== profileId || String(e.pid) !== mainPid) continue;
    const data = e.args?.data ?? {};
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node.callFrame ?? {});
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i += 1) {
      selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
    }
  }
  const byFunction = new Map();
  const byFile = new Map();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id) ?? {};
    const file = frame.url ? frame.url.split('/').pop() : `(${frame.codeType ?? 'other'})`;
    const name = `${frame.functionName || '(anonymous)'}${frame.url ? ` ${file}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const files = Object.fromEntries([...byFile.entries()].sort((x, y) => y[1] - x[1]).slice(0, 8)
    .map(([file, us]) => [file, Math.round(us / 1000)]));
  const functions = [...byFunction.entries()]
    .map(([name, us]) => ({ name, self_ms: Math.round(us / 1000) }))
    .sort((a, b) => b.self_ms - a.self_ms)
    .slice(0, 25);
  return {
    threads: byThread.slice(0, 8),
    main_thread: {
      span_ms: Math.round((last - first) / 1000),
      busy_ms: main.busy_ms,
      self_ms: selfMs,
      inclusive_ms: named,
      self_by_script_ms: files,
      top_self_functions: functions,
    },
  };
}

function machine() {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpuModel = /model name\s*:\s*(.*)/.exec(info)?.[1] ?? cpuModel;
  } catch { /* not Linux */ }
  let chromium = 'unknown';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  } catch { /* reported as unknown */ }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', repoRoot, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch { /* not a checkout */ }
  return { nproc: cpus().length, cpu_model: cpuModel, chromium, node: process.version, commit };
}

const fmtLoad = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const distBuilt = statSync(join(distDir, 'index.html')).mtime.toISOString();
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    dist_built: distBuilt,
    load_average: { before: fmtLoad() },
    wasm: wasmSizes(),
  };
  const server = await serveDist();
  const browser = await launchChromium();
  try {
    const loads = [];
    for (let i = 0; i < options.loads; i += 1) loads.push(await coldLoad(browser, server.url));
    const pick = (key) => summary(loads.map((l) => l[key]).filter((x) => x !== null));
    const firstRender = pick('first_render_ms');
    const firstFrame = pick('first_frame_ms');
    result.first_render = {
      loads: loads.length,
      viewport: VIEWPORT,
      run_state_attached_ms: { median: round(firstRender.median), p95: round(firstRender.p95), min: round(firstRender.min), max: round(firstRender.max) },
      next_frame_ms: { median: round(firstFrame.median), p95: round(firstFrame.p95) },
      first_contentful_paint_ms: { median: round(pick('first_contentful_paint_ms').median) },
      wasm_fetched_ms: { median: round(pick('wasm_fetched_ms').median) },
      load_event_ms: { median: round(pick('load_event_ms').median) },
      each_ms: loads.map((l) => round(l.first_render_ms)),
    };
    result.load_average.after_loads = fmtLoad();

    result.runs = [];
    for (let i = 0; i < options.runs; i += 1) {
      const { result: run } = await frameRun(browser, server.url, options.scenario);
      run.load_average_after = fmtLoad();
      result.runs.push(run);
    }
    if (options.profile) {
      const { trace } = await frameRun(browser, server.url, options.scenario, { trace: true });
      result.profile = traceBreakdown(trace);
      if (options.out) {
        mkdirSync(dirname(options.out), { recursive: true });
        writeFileSync(options.out.replace(/\.json$/, '') + '-trace.json', trace);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  result.load_average.after = fmtLoad();

  console.log(JSON.stringify(result, null, 2));
  printTable(result);
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwritten: ${relative(repoRoot, options.out)}`);
  }
}

function printTable(r) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const lines = [];
  lines.push('');
  lines.push(`MQ Lab page benchmark · ${r.date} · commit ${r.machine.commit}`);
  lines.push(`${r.machine.nproc} × ${r.machine.cpu_model} · ${r.machine.chromium} · load average ${r.load_average.before} → ${r.load_average.after}`);
  lines.push('');
  lines.push('wasm file                                   raw          gzip -9');
  for (const f of r.wasm.files) lines.push(`${f.file.padEnd(40)} ${kb(f.raw_bytes).padStart(12)} ${kb(f.gzip9_bytes).padStart(12)}`);
  lines.push(`${'total'.padEnd(40)} ${kb(r.wasm.total_raw_bytes).padStart(12)} ${kb(r.wasm.total_gzip9_bytes).padStart(12)}`);
  lines.push('');
  const fr = r.first_render;
  lines.push(`first render (run bar in the document), ${fr.loads} cold loads: median ${fr.run_state_attached_ms.median} ms, p95 ${fr.run_state_attached_ms.p95} ms (target ≤ 500 ms: ${fr.run_state_attached_ms.p95 <= 500 ? 'met' : 'MISSED'})`);
  lines.push(`  next frame median ${fr.next_frame_ms.median} ms · first contentful paint median ${fr.first_contentful_paint_ms.median} ms · wasm fetched median ${fr.wasm_fetched_ms.median} ms`);
  for (const run of r.runs) {
    const f = run.frame_ms;
    lines.push('');
    lines.push(`run of ${run.scenario} at "${run.speed}", ${run.chart_canvases} chart canvases: ${run.wall_s} s wall for ${run.virtual_s} s virtual, ${run.produced} messages (${run.messages_per_wall_s}/s wall)`);
    lines.push(`  frames ${f.count} (${f.frames_per_s}/s): median ${f.median} ms, p95 ${f.p95} ms, p99 ${f.p99} ms, max ${f.max} ms; over 16.7 ms ${(f.over_16_7_fraction * 100).toFixed(1)} %, over 33 ms ${(f.over_33_fraction * 100).toFixed(1)} % (target p95 ≤ 16.7 ms: ${f.p95 <= FRAME_BUDGET_MS + JITTER_MS ? 'met' : 'MISSED'})`);
    lines.push(`  idle page before the run: frame median ${run.idle_frame_ms.median} ms, p95 ${run.idle_frame_ms.p95} ms · long tasks ${typeof run.long_tasks === 'string' ? run.long_tasks : `${run.long_tasks.count}, ${run.long_tasks.total_ms} ms in all, longest ${run.long_tasks.max_ms} ms`}`);
  }
  if (r.profile?.main_thread) {
    const m = r.profile.main_thread;
    lines.push('');
    lines.push(`profile (a separate, traced run): main thread busy ${m.busy_ms} ms of ${m.span_ms} ms`);
    lines.push(`  self time by trace event (ms): ${Object.entries(m.self_ms).slice(0, 12).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    lines.push(`  inclusive (ms): ${Object.entries(m.inclusive_ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    lines.push(`  sampled self time by script (ms): ${Object.entries(m.self_by_script_ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    lines.push(`  top script self time (ms): ${m.top_self_functions.slice(0, 12).map((f) => `${f.name} ${f.self_ms}`).join(', ')}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exit(1);
});
