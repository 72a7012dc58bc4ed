// End-to-end test of the charts panel: after a run, the five charts are drawn from the report,
// a click on a legend entry hides a series, and the exports download the report's CSV.
//
// Run by scripts/test.sh after `trunk build --release`; alone: `node --test tests/e2e/`.
// Screenshot: tests/artifacts/lab-charts.png.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  labUnderTest, screenshot,
} from './support.mjs';

const CHARTS = ['throughput', 'backlog', 'latency', 'lost', 'anomalies'];

/** The built page served and Chromium open, for every test of this file. */
const lab = labUnderTest();

/** The canvas's pixels as a PNG data URL, and how many of them are not white or transparent. */
async function canvasImage(page, chart) {
  return page.getByTestId(`chart-${chart}`).evaluate((canvas) => {
    const context = canvas.getContext('2d');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245)) inked += 1;
    }
    return { url: canvas.toDataURL(), inked, width: canvas.width, height: canvas.height };
  });
}

test('after a run, the five charts are drawn; a legend click hides a series; CSV downloads', { timeout: 240_000 }, async () => {
  const { page } = lab.browser;
  await page.goto(lab.server.url);
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('mqlab.lang', 'en'); });
  await page.goto(lab.server.url);
  await page.getByTestId('run-state').waitFor();
  try {
    await page.getByTestId('preset').selectOption('09-loss-broker-crash-transient');
    await page.getByTestId('run-to-end').click();
    await page.locator('[data-testid="run-state"][data-state="finished"]').waitFor({ timeout: 150_000 });
    await page.getByTestId('chart-throughput').waitFor();

    for (const chart of CHARTS) {
      const image = await canvasImage(page, chart);
      assert.ok(image.width > 0 && image.height > 0, `chart-${chart} has a size`);
      assert.ok(image.inked > 500, `chart-${chart} is drawn (${image.inked} inked pixels)`);
      assert.ok(await page.getByTestId(`export-png-${chart}`).isVisible(), `export-png-${chart} is shown`);
    }

    // A click on the throughput chart's first legend entry hides that series.
    const throughput = page.getByTestId('chart-throughput');
    await throughput.scrollIntoViewIfNeeded();
    const before = (await canvasImage(page, 'throughput')).url;
    const legend = await throughput.getAttribute('data-legend');
    assert.ok(legend, 'the throughput chart has legend entries');
    const [x, y] = legend.split(';')[0].split(',').map(Number);
    await throughput.click({ position: { x, y } });
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="chart-throughput"]').toDataURL() !== old,
      before,
    );
    // And a second click shows it again.
    await throughput.click({ position: { x, y } });
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="chart-throughput"]').toDataURL() === old,
      before,
    );

    // The cross-hair: hovering the plot changes the picture.
    const box = await throughput.boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="chart-throughput"]').toDataURL() !== old,
      before,
    );
    await page.mouse.move(box.x + box.width * 0.6, box.y - 40);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv.split('\n')[0], /^t_s,/, 'the CSV starts with its header');

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-report').click(),
    ]);
    const json = JSON.parse(readFileSync(await report.path(), 'utf8'));
    assert.ok(json.totals, 'the report JSON has its totals');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-png-lost').click(),
    ]);
    const bytes = readFileSync(await png.path());
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'the chart downloads as a PNG');

    // The language switch redraws the charts in Chinese.
    const english = (await canvasImage(page, 'latency')).url;
    await page.getByTestId('lang').selectOption('zh');
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="chart-latency"]').toDataURL() !== old,
      english,
    );
    await page.getByTestId('lang').selectOption('en');
    await page.getByTestId('chart-throughput').scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-charts');
  } catch (error) {
    await screenshot(page, 'lab-charts-failure').catch(() => {});
    throw error;
  }
});
