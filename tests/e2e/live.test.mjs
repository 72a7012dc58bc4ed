// End-to-end tests of the run in the simulation worker, in Debian's headless Chromium: play,
// pause, step and scrub the timeline; crash a component from the inspector mid-run and get the
// same totals as `mqlab run` on the link; trace a lost message; compare A and B.
//
// Run by scripts/test.sh after `trunk build --release`; alone: `node --test tests/e2e/`.
// Screenshots land in tests/artifacts/ (live-*.png).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  cliPath, cliReportForLink, labUnderTest, openFreshPage, runToEnd, totalsOnPage, withScreenshot,
} from './support.mjs';

/** Loses messages when its broker crashes from 15 s to 17 s; buckets of 1 s, 30 s long. */
const CRASH_PRESET = '09-loss-broker-crash-transient';
/** The speed picker's options: 2 is real time, 3 ten times faster. */
const SPEED_REAL_TIME = '2';

/** The built page served and Chromium open, for every test of this file. */
const lab = labUnderTest();

const state = (page) => page.getByTestId('run-state').getAttribute('data-state');
const waitForState = (page, name) =>
  page.locator(`[data-testid="run-state"][data-state="${name}"]`).waitFor({ timeout: 150_000 });
/** The run's virtual time in seconds, from the timeline's playhead. */
const nowS = async (page) => Number(await page.getByTestId('playhead').getAttribute('data-t-s'));

/** Clicks the timeline at `fraction` of its width (on its time axis, above the fault lanes). */
async function clickTimeline(page, fraction) {
  const plot = page.locator('[data-testid="timeline"] svg.timeline-plot');
  const box = await plot.boundingBox();
  await plot.click({ position: { x: box.width * fraction, y: 4 } });
}

test('play, pause, step and scrub the timeline back and forth', { timeout: 240_000 }, async () => {
  const page = await openFreshPage(lab.browser, lab.server);
  await withScreenshot(page, 'live-scrub', async () => {
    await page.getByTestId('preset').selectOption(CRASH_PRESET);
    await page.getByTestId('speed').selectOption(SPEED_REAL_TIME);
    await page.getByTestId('run').click();
    await waitForState(page, 'running');
    await page.getByTestId('charts').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="total-produced"]')?.textContent) > 0);
    await page.getByTestId('pause').click();
    await waitForState(page, 'paused');
    const pausedAt = await nowS(page);
    assert.ok(pausedAt > 0 && pausedAt < 30, `paused mid-run at ${pausedAt} s`);
    const producedPaused = Number(await page.getByTestId('total-produced').textContent());
    await page.waitForTimeout(400);
    assert.equal(await nowS(page), pausedAt, 'time stands still while paused');

    // Space plays and pauses (the page has the focus, not a button).
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    await waitForState(page, 'running');
    await page.keyboard.press('Space');
    await waitForState(page, 'paused');
    const spaced = await nowS(page);
    assert.ok(spaced >= pausedAt, 'Space ran it on');

    // One step: to the end of the current one-second bucket.
    await page.getByTestId('step').click();
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="playhead"]').dataset.tS) > t, spaced);
    await waitForState(page, 'paused');
    const stepped = await nowS(page);
    assert.equal(stepped, Math.floor(spaced) + 1, `a step ends at the next bucket: ${spaced} → ${stepped}`);
    assert.ok(Number(await page.getByTestId('total-produced').textContent()) > producedPaused);

    // Forward into the crash: the broker is drawn down, the queue unavailable.
    await clickTimeline(page, 16 / 30);
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid="playhead"]').dataset.tS) - 16) < 0.2);
    await waitForState(page, 'paused');
    await page.getByTestId('down-broker').waitFor();
    assert.equal(await page.getByTestId('down-broker').getAttribute('data-why'), 'LiveDown');
    const lostInCrash = Number(await page.getByTestId('total-lost').textContent());
    assert.ok(lostInCrash > 0, 'the crash lost messages');

    // Back before the crash: a deterministic re-run to that moment; nothing lost yet.
    await clickTimeline(page, 5 / 30);
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid="playhead"]').dataset.tS) - 5) < 0.2);
    await waitForState(page, 'paused');
    assert.equal(await page.getByTestId('down-broker').count(), 0, 'the broker is up again at 5 s');
    assert.equal((await page.getByTestId('total-lost').textContent()).trim(), '0');
    assert.ok(Number(await page.getByTestId('depth-orders_q').textContent()) > 0, 'the queue has a backlog');

    await runToEnd(page);
    const lostAtEnd = Number(await page.getByTestId('total-lost').textContent());
    assert.ok(lostAtEnd >= lostInCrash, `lost at the end ${lostAtEnd}, by 16 s ${lostInCrash}`);
  });
  assert.deepEqual(lab.browser.problems, [], 'the page logged errors or reached outside its origin');
});

test('a crash switched from the inspector mid-run goes into the link and replays exactly', { timeout: 240_000 }, async (t) => {
  const page = await openFreshPage(lab.browser, lab.server);
  await withScreenshot(page, 'live-crash', async () => {
    await page.getByTestId('preset').selectOption(CRASH_PRESET);
    // To 5 s, paused, by the timeline.
    await clickTimeline(page, 5 / 30);
    await waitForState(page, 'paused');
    await page.getByTestId('component-consumer').click();
    await page.getByTestId('fault-toggle-crash_consumer').click();
    await page.getByTestId('down-consumer').waitFor();
    assert.equal(await state(page), 'paused', 'the run goes on from the same moment');
    assert.ok(Math.abs((await nowS(page)) - 5) < 0.2);
    const fault = page.locator('[data-testid^="timeline-fault-"][data-kind="crash_consumer"]');
    assert.equal(await fault.getAttribute('data-target'), 'consumer', 'the crash is on the timeline');

    // Restart it two seconds later, from the canvas's right-click menu.
    await clickTimeline(page, 7 / 30);
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid="playhead"]').dataset.tS) - 7) < 0.2);
    await page.getByTestId('component-consumer').click({ button: 'right' });
    const menu = page.getByTestId('canvas-menu');
    // Opened near the stage's right edge, it still fits inside it (and the column does not scroll).
    const menuBox = await menu.boundingBox();
    const stageBox = await page.locator('main.stage').boundingBox();
    assert.ok(menuBox.x >= stageBox.x - 1 && menuBox.x + menuBox.width <= stageBox.x + stageBox.width + 1,
      `the menu (${menuBox.x}+${menuBox.width}) stays inside the stage (${stageBox.x}+${stageBox.width})`);
    assert.equal(await menu.getByTestId('fault-toggle-crash_consumer').getAttribute('aria-pressed'), 'true', 'down now');
    await menu.getByTestId('fault-toggle-crash_consumer').click();
    await page.getByTestId('down-consumer').waitFor({ state: 'detached' });

    await runToEnd(page);
    const totals = await totalsOnPage(page);
    t.diagnostic(`with a consumer crash from 5 s to 7 s: ${JSON.stringify(totals)}`);
    if (cliPath()) {
      const link = await page.getByTestId('link').inputValue();
      const report = cliReportForLink(link);
      assert.deepEqual(totals, report.totals, 'the link replays the run the page made');
    }
  });
  assert.deepEqual(lab.browser.problems, [], 'the page logged errors or reached outside its origin');
});

test('a lost message can be traced to where and when it was lost', { timeout: 240_000 }, async () => {
  const page = await openFreshPage(lab.browser, lab.server);
  await withScreenshot(page, 'live-trace', async () => {
    await page.getByTestId('preset').selectOption(CRASH_PRESET);
    await runToEnd(page);
    await page.getByTestId('messages').waitFor();
    const first = page.locator('[data-testid^="message-"][data-cause]').first();
    const cause = await first.getAttribute('data-cause');
    assert.equal(cause, 'broker_crash');
    await first.click();
    const outcome = page.getByTestId('trace-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    assert.equal(await outcome.getAttribute('data-outcome'), 'lost');
    assert.equal(await outcome.getAttribute('data-cause'), 'broker_crash');
    assert.ok((await page.getByTestId('trace-event').count()) >= 2, 'created, sent, … before the end');
    assert.match(await page.getByTestId('trace-path').getAttribute('data-path'), /broker/);
  });
  assert.deepEqual(lab.browser.problems, [], 'the page logged errors or reached outside its origin');
});

test('in slow motion, messages on the wires are dots; a click reads that message’s life', { timeout: 240_000 }, async () => {
  const page = await openFreshPage(lab.browser, lab.server);
  await withScreenshot(page, 'live-dots', async () => {
    await page.getByTestId('preset').selectOption('09-loss-no-confirms');
    await page.getByTestId('speed').selectOption('0');
    await page.getByTestId('run').click();
    const dot = page.locator('[data-testid^="msg-"]').first();
    await dot.waitFor({ timeout: 30_000 });
    await page.getByTestId('pause').click();
    await waitForState(page, 'paused');
    const id = (await dot.getAttribute('data-testid')).slice('msg-'.length);
    await dot.click();
    const outcome = page.getByTestId('trace-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('trace-title').getAttribute('data-message'), id, 'the life of the clicked message');
    assert.equal(await state(page), 'paused', 'reading a life does not move the run');
  });
  assert.deepEqual(lab.browser.problems, [], 'the page logged errors or reached outside its origin');
});

test('compare mode runs A and B on the same workload and shows both', { timeout: 240_000 }, async (t) => {
  const page = await openFreshPage(lab.browser, lab.server);
  await withScreenshot(page, 'live-compare', async () => {
    await page.getByTestId('preset').selectOption(CRASH_PRESET);
    await page.getByTestId('compare').click();
    assert.match(await page.getByTestId('editing').textContent(), /B/);
    await page.getByTestId('component-producer').click();
    await page.getByTestId('field-persistent').check();
    await page.getByTestId('component-orders_q').click();
    await page.getByTestId('field-durable').check();
    assert.equal(await page.locator('[data-testid="compare-differences"] li').count(), 2, 'B changes two switches');
    await runToEnd(page);
    await page.getByTestId('compare-table').waitFor();
    const cell = async (id) => Number((await page.getByTestId(id).textContent()).trim());
    const [lostA, lostB] = [await cell('compare-a-lost'), await cell('compare-b-lost')];
    t.diagnostic(`lost: A ${lostA}, B ${lostB}`);
    assert.ok(lostA > 0 && lostB === 0, 'durable and persistent B loses nothing');
    assert.equal(await cell('compare-a-produced'), await cell('compare-b-produced'), 'the identical workload');
    // The run bar's totals are A's, and say so.
    await page.getByTestId('totals-run').waitFor();
    assert.equal(await cell('total-lost'), lostA, "the run bar shows A's totals");
    const legend = await page.getByTestId('chart-throughput').getAttribute('data-legend');
    assert.ok(legend.split(';').length >= 6, `the legend names runs A and B: ${legend}`);

    // The lists are A's: tracing one of its lost messages while the canvas shows B leaves both
    // runs as they were.
    await page.locator('[data-testid^="message-"][data-cause]').first().click();
    await page.getByTestId('trace-outcome').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('trace-outcome').getAttribute('data-outcome'), 'lost');
    assert.equal(await state(page), 'finished', 'a trace does not disturb the runs');
    assert.equal(await cell('compare-a-lost'), lostA);

    // The link holds A and B: opened elsewhere it is the same comparison, with the same results.
    const link = await page.getByTestId('link').inputValue();
    assert.match(link, /#v1\.[^~]+~v1\./, 'a compare link carries both scenarios');
    const other = await page.context().newPage();
    try {
      await other.goto(link);
      await other.getByTestId('compare-panel').waitFor();
      assert.equal(await other.locator('[data-testid="compare-differences"] li').count(), 2);
      await runToEnd(other);
      await other.getByTestId('compare-table').waitFor();
      const otherCell = async (id) => Number((await other.getByTestId(id).textContent()).trim());
      assert.equal(await otherCell('compare-a-lost'), lostA, 'A replays from the link');
      assert.equal(await otherCell('compare-b-lost'), lostB, 'B replays from the link');
    } finally {
      await other.close();
    }

    // Back to A: the canvas shows A's switches; leaving compare mode keeps A.
    await page.getByTestId('edit-a').click();
    await page.getByTestId('component-producer').click();
    assert.equal(await page.getByTestId('field-persistent').isChecked(), false, 'A is unchanged');
    await page.getByTestId('compare-end').click();
    assert.equal(await page.getByTestId('compare-panel').count(), 0);
  });
  assert.deepEqual(lab.browser.problems, [], 'the page logged errors or reached outside its origin');
});
