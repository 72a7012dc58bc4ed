// End-to-end tests of the lab in Debian's headless Chromium: build a pipeline by clicking, edit
// switches in the inspector, undo and redo, share links (same totals as `mqlab run` on the
// decoded link), a broken link that keeps the autosave, reload, and the language switch.
//
// Run by scripts/test.sh after `trunk build --release`; alone: `node --test tests/e2e/`.
// Screenshots land in tests/artifacts/ (lab-*.png).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  cliPath, cliTotalsForLink, labUnderTest, openFreshPage, runToEnd, screenshot, totalsOnPage, withScreenshot,
} from './support.mjs';

/** The built page served and Chromium open, for every test of this file. */
const lab = labUnderTest();

/** A fresh page with nothing saved: no autosave, no language choice, English. */
const freshPage = () => openFreshPage(lab.browser, lab.server);

test('build a pipeline by clicking, edit it in the inspector, undo and redo, run it', { timeout: 240_000 }, async (t) => {
  const page = await freshPage();
  await withScreenshot(page, 'lab-built', async () => {
    await page.getByTestId('new-blank').click();
    assert.equal(await page.locator('[data-component]').count(), 0, 'the blank canvas is empty');
    for (const kind of ['node', 'producer', 'exchange', 'queue', 'consumer']) {
      await page.getByTestId(`palette-${kind}`).click();
    }
    assert.equal(await page.locator('[data-component]').count(), 5);

    // Undo removes the consumer, redo brings it back.
    await page.getByTestId('undo').click();
    assert.equal(await page.getByTestId('component-c1').count(), 0, 'undo removed the consumer');
    await page.getByTestId('redo').click();
    await page.getByTestId('component-c1').waitFor();
    // The keyboard does the same.
    await page.getByTestId('component-c1').click();
    await page.keyboard.press('Control+z');
    assert.equal(await page.getByTestId('component-c1').count(), 0, 'Ctrl+Z removed the consumer');
    await page.keyboard.press('Control+Shift+Z');
    await page.getByTestId('component-c1').waitFor();

    // A refused wire explains itself: producers publish to exchanges, not to queues.
    await page.getByTestId('connect-mode').click();
    await page.getByTestId('component-p1').click();
    await page.getByTestId('component-q1').click();
    assert.match(await page.getByTestId('toast').textContent(), /exchange/i, 'the refusal names the fix');
    // Valid wires, by clicking source then target.
    for (const [from, to] of [['p1', 'x1'], ['x1', 'q1']]) {
      await page.getByTestId(`component-${from}`).click();
      await page.getByTestId(`component-${to}`).click();
      await page.getByTestId(`wire-${from}-${to}`).waitFor({ state: 'attached' });
    }
    await page.getByTestId('connect-mode').click();
    // The last wire by dragging from the queue's port onto the consumer.
    await page.getByTestId('port-q1').dragTo(page.getByTestId('component-c1'));
    await page.getByTestId('wire-q1-c1').waitFor({ state: 'attached' });

    // The inspector: a refused value is shown at its field and the scenario keeps its value.
    await page.getByTestId('component-p1').click();
    const rate = page.getByTestId('field-rate_per_s');
    await rate.fill('-5');
    await rate.press('Enter');
    await page.getByTestId('field-error-rate_per_s').waitFor();
    await rate.fill('150');
    await rate.press('Enter');
    assert.equal(await page.getByTestId('field-error-rate_per_s').count(), 0);
    assert.equal(Number(await rate.inputValue()), 150);
    // Scenario settings when nothing is selected: a short run.
    await rate.blur();
    await page.keyboard.press('Escape');
    const horizon = page.getByTestId('field-horizon_s');
    await horizon.fill('5');
    await horizon.press('Enter');

    await runToEnd(page);
    assert.equal(await page.getByTestId('error').count(), 0, 'the built pipeline runs');
    const totals = await totalsOnPage(page);
    t.diagnostic(`built pipeline: ${JSON.stringify(totals)}`);
    assert.ok(totals.produced > 0 && totals.processed > 0, 'messages flowed');
    if (cliPath()) {
      const link = await page.getByTestId('link').inputValue();
      assert.deepEqual(totals, cliTotalsForLink(link), 'the same totals as mqlab run');
    }
  });
  assert.deepEqual(lab.browser.problems, [], 'the page logged errors or reached outside its origin');
});

test('durable queues and persistent messages take a crash loss to zero', { timeout: 240_000 }, async (t) => {
  const page = await freshPage();
  await withScreenshot(page, 'lab-no-loss', async () => {
    await page.getByTestId('preset').selectOption('09-loss-broker-crash-transient');
    await runToEnd(page);
    const lossy = Number(await page.getByTestId('total-lost').textContent());
    assert.ok(lossy > 0, 'the preset loses messages in the crash');
    await page.getByTestId('component-producer').click();
    await page.getByTestId('field-persistent').check();
    await page.getByTestId('component-orders_q').click();
    await page.getByTestId('field-durable').check();
    assert.equal(await page.getByTestId('run-state').getAttribute('data-state'), 'idle', 'an edit resets the run');
    await runToEnd(page);
    t.diagnostic(`lost before: ${lossy}, after: ${await page.getByTestId('total-lost').textContent()}`);
    assert.equal((await page.getByTestId('total-lost').textContent()).trim(), '0');
  });
});

test('a copied link opens in a new page with the same totals as mqlab run', { timeout: 240_000 }, async (t) => {
  if (!cliPath()) {
    t.skip('needs target/release/mqlab');
    return;
  }
  const page = await freshPage();
  await page.getByTestId('preset').selectOption('09-loss-no-confirms');
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('link').inputValue();
  assert.match(link, /#/, 'the link carries the scenario in its fragment');
  const other = await page.context().newPage();
  try {
    await other.goto(link);
    await withScreenshot(other, 'lab-link', async () => {
      await runToEnd(other);
      const totals = await totalsOnPage(other);
      assert.deepEqual(totals, cliTotalsForLink(link), 'the same totals as mqlab run on the decoded link');
      t.diagnostic(`link totals: ${JSON.stringify(totals)}`);
    });
  } finally {
    await other.close();
  }
});

test('a broken link shows its error and keeps the autosave; reload restores the work', { timeout: 120_000 }, async () => {
  const page = await freshPage();
  await page.getByTestId('new-blank').click();
  await page.getByTestId('palette-producer').click();
  await page.getByTestId('palette-queue').click();
  const saved = await page.evaluate(() => localStorage.getItem('mqlab.autosave'));
  assert.ok(saved && saved.includes('"q1"'), 'the edit was autosaved');

  // Reload without a link: the work comes back.
  await page.goto(lab.server.url);
  await page.getByTestId('component-q1').waitFor();
  await page.getByTestId('component-p1').waitFor();

  // A truncated link: its error, and the autosave untouched.
  const good = await page.getByTestId('link').inputValue();
  const truncated = good.slice(0, good.indexOf('#') + 12);
  await page.goto('about:blank');
  await page.goto(truncated);
  await withScreenshot(page, 'lab-broken-link', async () => {
    const error = page.getByTestId('error');
    await error.waitFor();
    assert.match(await error.textContent(), /link/i);
    assert.equal(await page.evaluate(() => localStorage.getItem('mqlab.autosave')), saved, 'autosave untouched');
    await page.getByTestId('component-q1').waitFor();
  });
});

test('the language switch changes every label and is remembered', { timeout: 120_000 }, async () => {
  const page = await freshPage();
  assert.match(await page.getByTestId('run').textContent(), /Run/);
  await page.getByTestId('lang').selectOption('zh');
  assert.match(await page.getByTestId('run').textContent(), /运行/);
  assert.match(await page.getByTestId('palette-producer').textContent(), /生产者/);
  await page.reload();
  await page.getByTestId('run').waitFor();
  assert.match(await page.getByTestId('run').textContent(), /运行/, 'the choice is remembered');
  // A value the validator refuses is explained in Chinese, with the value.
  await page.getByTestId('component-order_service').click();
  const rate = page.getByTestId('field-rate_per_s');
  await rate.fill('-5');
  await rate.press('Enter');
  const refusal = page.getByTestId('field-error-rate_per_s');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /-5.*负数/, 'the refusal is in Chinese');
  await screenshot(page, 'lab-zh');
  await page.getByTestId('lang').selectOption('en');
  assert.match(await page.getByTestId('run').textContent(), /Run/);
});
