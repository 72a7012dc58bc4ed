// Smoke tests of the built page in Debian's headless Chromium: it loads, runs presets in wasm,
// and shows the same report totals as the native `mqlab run` of the same preset.
//
// Run by scripts/test.sh after `trunk build --release`; alone: `node --test tests/e2e/`.
// Screenshots land in tests/artifacts/.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  TOTAL_NAMES, cliPresetNames, labUnderTest, nativeReport, screenshot,
} from './support.mjs';

/** The built page served and Chromium open, for every test of this file. */
const lab = labUnderTest();

/** Clicks Run and waits until the run has finished; fails with the page's error if it failed. */
async function runOnPage(page) {
  await page.getByTestId('run').click();
  await page.locator('[data-testid="run-state"][data-state="finished"]').waitFor({ timeout: 150_000 });
  const errorPanel = page.getByTestId('error');
  if ((await errorPanel.count()) > 0) {
    assert.fail(`the run failed: ${(await errorPanel.first().textContent()).trim()}`);
  }
}

/** Every number the page shows equals the native report's. */
async function assertPageShows(page, report) {
  for (const name of TOTAL_NAMES) {
    const shown = (await page.getByTestId(`total-${name}`).textContent()).trim();
    assert.equal(shown, String(report.totals[name]), `total-${name}`);
  }
  // The page lists only the causes that lost something.
  for (const [cause, count] of Object.entries(report.lost_by_cause ?? {})) {
    const cell = page.getByTestId(`lost-${cause}`);
    if (count === 0) {
      assert.equal(await cell.count(), 0, `lost-${cause} is shown with nothing lost`);
    } else {
      assert.equal((await cell.textContent()).trim(), String(count), `lost-${cause}`);
    }
  }
  for (const key of ['p50', 'p99']) {
    const shown = (await page.getByTestId(`latency-${key}`).textContent()).trim();
    const expected = report.latency_ms?.[key];
    if (typeof expected === 'number') assert.equal(Number(shown), expected, `latency-${key}`);
  }
  assert.match(await page.getByTestId('balance').textContent(), /^✓/, 'the totals add up');
}

const totalsLine = (report) => TOTAL_NAMES.map((n) => `${n}=${report.totals[n]}`).join(' ');

test('the page runs the default preset and shows the same totals as mqlab run', { timeout: 180_000 }, async (t) => {
  const { page, problems } = lab.browser;
  try {
    await page.goto(lab.server.url);
    const runState = page.getByTestId('run-state');
    await runState.waitFor();
    assert.equal(await runState.getAttribute('data-state'), 'idle');
    // The canvas fills the stage between the palette and the inspector (once it was a
    // default-sized 150 px strip: a CSS rule had taken its absolute position away).
    const stage = await page.locator('main.stage').boundingBox();
    const canvas = await page.locator('svg.canvas').boundingBox();
    assert.ok(stage.height >= 300, `the stage is ${stage.height} px tall`);
    assert.ok(canvas.height >= stage.height - 2 && canvas.width >= stage.width - 2,
      `the canvas (${canvas.width}×${canvas.height}) fills the stage (${stage.width}×${stage.height})`);

    // The default preset is the first in the scenario crate's list, as `mqlab presets` prints it.
    const preset = await page.getByTestId('preset').inputValue();
    assert.ok(preset, 'the preset picker has a selected preset');
    const cliNames = cliPresetNames();
    if (cliNames) {
      const offered = await page.locator('[data-testid="preset"] option').evaluateAll(
        (options) => options.map((option) => option.value));
      assert.deepEqual(offered, cliNames, 'the page offers the presets `mqlab presets` lists');
    }
    await screenshot(page, 'smoke-idle');

    await runOnPage(page);
    await screenshot(page, 'smoke-finished');

    const { report, source } = nativeReport(preset);
    t.diagnostic(`preset ${preset}; native report from ${source}`);
    await assertPageShows(page, report);
    t.diagnostic(`totals: ${totalsLine(report)}`);
    assert.deepEqual(problems, [], 'the page logged errors or reached outside its origin');
  } catch (error) {
    await screenshot(page, 'smoke-failure').catch(() => {});
    throw error;
  }
});

test('a preset that loses messages shows the same losses, by cause, as mqlab run', { timeout: 180_000 }, async (t) => {
  const { page, problems } = lab.browser;
  const names = cliPresetNames();
  if (!names) {
    t.skip('needs target/release/mqlab to find a preset with losses');
    return;
  }
  // The first preset, in the CLI's order, whose native run loses something.
  const lossy = names.map((name) => ({ name, ...nativeReport(name) }))
    .find(({ report }) => report.totals.lost > 0);
  assert.ok(lossy, 'some preset loses messages (the lessons on loss need one)');
  try {
    await page.goto(lab.server.url);
    await page.getByTestId('preset').selectOption(lossy.name);
    assert.equal(await page.getByTestId('run-state').getAttribute('data-state'), 'idle');
    await runOnPage(page);
    await screenshot(page, 'smoke-losses');
    t.diagnostic(`preset ${lossy.name}: ${totalsLine(lossy.report)}`);
    await assertPageShows(page, lossy.report);
    assert.deepEqual(problems, [], 'the page logged errors or reached outside its origin');
  } catch (error) {
    await screenshot(page, 'smoke-losses-failure').catch(() => {});
    throw error;
  }
});
