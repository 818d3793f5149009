import { expect, test, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });
const runsPanel = (page: Page) => page.getByRole('region', { name: 'Runs' });
const savedRows = (page: Page) => runsPanel(page).getByRole('table', { name: 'Saved runs' }).locator('tbody tr');

interface ExportedConfig {
  configId: string;
  keepProb: number;
  lossHistory: number[];
  checks: { epoch: number; iteration: number; trainAcc: number; valAcc: number }[];
}
interface ExportedRun {
  id: string;
  name: string;
  seed: number;
  settings: Record<string, unknown>;
  configs: ExportedConfig[];
}

async function downloaded(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

/** Clicks a button and returns the file it downloads. */
async function download(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await downloaded(file), bytes: await readFile(path) };
}

async function trainToEnd(page: Page) {
  const cell = experiment(page);
  await expect(cell.getByRole('group', { name: 'Example images' })).toBeVisible();
  await cell.getByRole('button', { name: 'Train' }).click();
  await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });
}

async function exportJson(page: Page): Promise<{ format: string; formatVersion: number; runs: ExportedRun[] }> {
  const exports = experiment(page).getByRole('group', { name: 'Export this run' });
  const file = await download(page, () => exports.getByRole('button', { name: 'Export JSON' }).click());
  expect(file.name).toMatch(/^dropout-lab-.*\.json$/);
  return JSON.parse(file.text);
}

const histories = (run: ExportedRun) =>
  run.configs.map(({ configId, keepProb, lossHistory, checks }) => ({ configId, keepProb, lossHistory, checks }));

async function chartRows(page: Page, chart: string) {
  const table = experiment(page).getByRole('table', { name: `${chart} data` });
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent ?? '')));
}

test.describe('share, keep and export runs', () => {
  test('a link with a seed trains identical histories after a reload; runs are kept, open with their charts, overlay and export', async ({
    page,
  }) => {
    await page.goto('/?epochs=3&seed=7&p=0.5');
    const cell = experiment(page);
    await expect(cell.getByRole('slider', { name: 'Keep probability' })).toHaveValue('0.5');
    await expect(cell.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('3');
    await expect(cell.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('7');
    // The URL now names every setting.
    await expect(page).toHaveURL(
      /\?v=1&p=0.5&hidden=500&layers=1&train=500&epochs=3&batch=100&lr=0.0005&ws=0.01&seed=7&rule=adam&dataset=cifar-sample&scaling=inverted&kernels=exact&model=classifier$/,
    );

    await trainToEnd(page);
    await expect(cell.getByText(/Trained with: .*Seed 7/)).toBeVisible();
    const first = await exportJson(page);
    expect(first).toMatchObject({ format: 'dropout-lab-runs', formatVersion: 1 });
    expect(first.runs).toHaveLength(1);
    const [firstRun] = first.runs;
    expect(firstRun.seed).toBe(7);
    expect(firstRun.settings).toMatchObject({ seed: 7, epochs: 3, keepProb: 0.5 });
    expect(
      firstRun.configs.map((c) => [c.configId, c.keepProb, c.lossHistory.length, c.checks.map((k) => k.epoch)]),
    ).toEqual([
      ['baseline', 1, 15, [0, 1, 2, 3]],
      ['dropout', 0.5, 15, [0, 1, 2, 3]],
    ]);

    // CSV: one row per check; the loss file one row per iteration.
    const exports = cell.getByRole('group', { name: 'Export this run' });
    const checks = await download(page, () => exports.getByRole('button', { name: 'Export CSV' }).click());
    const checkLines = checks.text.trimEnd().split('\r\n');
    expect(checkLines[0]).toBe('run,run_name,configuration,keep_prob,epoch,iteration,train_acc,val_acc');
    expect(checkLines).toHaveLength(1 + 2 * 4);
    expect(checkLines[8].split(',').at(-1)).toBe(String(firstRun.configs[1].checks[3].valAcc));
    const loss = await download(page, () => exports.getByRole('button', { name: 'Export loss CSV' }).click());
    expect(loss.text.trimEnd().split('\r\n')).toHaveLength(1 + 2 * 15);
    // PNG: the charts drawn on a canvas.
    const png = await download(page, () => exports.getByRole('button', { name: 'Export PNG' }).click());
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(10_000);

    // After a reload the run is in Runs and opens with its charts and results.
    await page.reload();
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first()).toContainText('seed 7');
    await expect(cell.getByRole('status')).toContainText('Not trained yet');
    await savedRows(page)
      .first()
      .getByRole('button', { name: /^Open / })
      .click();
    await expect(cell.getByRole('status')).toContainText('Done');
    await expect(cell.getByRole('status')).toContainText('Epoch 3 / 3');
    // Charts redraw a moment after the store changes (a few times a second, as a transition).
    await expect
      .poll(async () => (await chartRows(page, 'Validation accuracy')).map((r) => r[0]))
      .toEqual(['0', '1', '2', '3']);
    const valRows = await chartRows(page, 'Validation accuracy');
    expect(valRows.map((r) => r.slice(1).map(Number))).toEqual(
      firstRun.configs[0].checks.map((k, i) => [
        Number(k.valAcc.toFixed(3)),
        Number(firstRun.configs[1].checks[i].valAcc.toFixed(3)),
      ]),
    );
    await expect(cell.getByRole('table', { name: 'Results' }).getByRole('row', { name: /^p = 0.5/ })).toContainText(
      'finished',
    );

    // The same link again after the reload: the same histories, to the last digit.
    await trainToEnd(page);
    const second = await exportJson(page);
    expect(second.runs[0].id).not.toBe(firstRun.id);
    expect(histories(second.runs[0])).toEqual(histories(firstRun));

    // Both runs are kept, newest first; picking both overlays their validation curves.
    await expect(savedRows(page)).toHaveCount(2);
    const runs = runsPanel(page);
    await runs.getByRole('checkbox').nth(0).check();
    await runs.getByRole('checkbox').nth(1).check();
    const overlay = runs.getByRole('figure', { name: 'Validation accuracy of the compared runs' });
    await expect(overlay).toBeVisible();
    await expect(overlay.getByRole('table').getByRole('columnheader')).toHaveCount(1 + 4);
    const picked = await download(page, () =>
      runs.getByRole('group', { name: 'Export the picked runs' }).getByRole('button', { name: 'Export JSON' }).click(),
    );
    expect(JSON.parse(picked.text).runs).toHaveLength(2);

    // Rename, then delete the older run and bring it back from its file.
    const older = savedRows(page).nth(1);
    // The table fits its cell with the name field open and with a long word in the name (a file's name).
    const tableFits = () =>
      page.evaluate(() => {
        const output = document.querySelector('table.saved-runs')!.closest('.cell-output')!;
        return output.scrollWidth <= output.clientWidth;
      });
    await older.getByRole('button', { name: /^Rename / }).click();
    expect(await tableFits(), 'the Runs table with the name field open').toBe(true);
    await older.getByRole('textbox').fill('Seed 7, first try dropout-lab-run-2026-11-28T01-23-45.json');
    await older.getByRole('button', { name: 'Save name' }).click();
    await expect(older).toContainText('Seed 7, first try');
    expect(await tableFits(), 'the Runs table with a long word in a name').toBe(true);
    await page.reload();
    await expect(savedRows(page).nth(1)).toContainText('Seed 7, first try');
    await savedRows(page)
      .nth(1)
      .getByRole('button', { name: /^Delete / })
      .click();
    await savedRows(page)
      .nth(1)
      .getByRole('button', { name: /^Confirm deleting / })
      .click();
    await expect(savedRows(page)).toHaveCount(1);
    await runs
      .getByLabel('Import JSON')
      .setInputFiles({ name: 'first.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(first)) });
    await expect(savedRows(page)).toHaveCount(2);
    // The import says what it did; the run shown was opened, not trained, and is announced so.
    await expect(
      runs.getByText('first.json: 1 run, 1 new; the first is shown above, with its settings.'),
    ).toBeVisible();
    await expect(cell.getByRole('status')).toContainText('Done');
    await expect(cell.locator('p.sr-only[aria-live="polite"]')).toHaveText(
      'A saved run is shown: its results are in the table below.',
    );
    await runs
      .getByLabel('Import JSON')
      .setInputFiles({ name: 'first.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(first)) });
    await expect(
      runs.getByText('first.json: 1 run, all already saved here; the first is shown above, with its settings.'),
    ).toBeVisible();
    await expect(savedRows(page)).toHaveCount(2);
    await expect
      .poll(async () => (await chartRows(page, 'Validation accuracy')).map((r) => r[0]))
      .toEqual(['0', '1', '2', '3']);
    await expect(runs.getByRole('alert')).toHaveCount(0);
  });

  test('reloading during a run keeps it, as stopped, with what it measured', async ({ page }) => {
    await page.goto('/?epochs=200');
    const cell = page.getByRole('region', { name: 'Regularization experiment' });
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText(/Epoch [1-9]/, { timeout: 60_000 });
    await cell.getByRole('button', { name: 'Pause' }).click();
    await expect(cell.getByRole('status')).toContainText('Paused');
    await page.reload();
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first()).toContainText('stopped');
    await savedRows(page)
      .first()
      .getByRole('button', { name: /^Open / })
      .click();
    await expect(cell.getByRole('status')).toContainText(/^Stopped · Epoch [1-9]/);
  });

  test('importing a junk or foreign file shows an alert and changes nothing', async ({ page }) => {
    await page.goto('/');
    const runs = runsPanel(page);
    await expect(runs.getByText('No saved runs yet')).toBeVisible();
    // The browser was asked to keep the saved runs; the panel says what it answered.
    await expect(
      runs.getByText(/^This browser (has agreed to keep the saved runs and sweeps|did not grant persistent storage)/),
    ).toBeVisible();
    await runs.getByLabel('Import JSON').setInputFiles({
      name: 'junk.json',
      mimeType: 'application/json',
      buffer: Buffer.from('\u0000\u0001 not a run'),
    });
    await expect(runs.getByRole('alert')).toContainText(
      'junk.json: This file is not text (an image or another binary file?)',
    );
    await expect(runs.getByRole('alert')).toContainText('Nothing was imported.');
    await runs.getByLabel('Import JSON').setInputFiles({
      name: 'package.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name":"left-pad","version":"1.3.0"}'),
    });
    await expect(runs.getByRole('alert')).toContainText('package.json: This is not a Dropout Lab run file');
    await expect(runs.getByText('No saved runs yet')).toBeVisible();
    await expect(experiment(page).getByRole('status')).toContainText('Not trained yet');
    await runs.getByRole('button', { name: 'Dismiss' }).click();
    await expect(runs.getByRole('alert')).toHaveCount(0);
  });

  test('malformed and out-of-range link values fall back to defaults with a notice; unknown keys are ignored', async ({
    page,
  }) => {
    await page.goto('/?hidden=99999&p=abc&epochs=2&zoom=3');
    const cell = experiment(page);
    const notice = cell.getByRole('alert');
    await expect(notice).toContainText('hidden=99999 (Hidden size must be at least 1 and at most 4096)');
    await expect(notice).toContainText('p=abc (Keep probability must be a number)');
    await expect(notice).not.toContainText('zoom');
    await expect(cell.getByRole('spinbutton', { name: 'Hidden size' })).toHaveValue('500');
    await expect(cell.getByRole('slider', { name: 'Keep probability' })).toHaveValue('0.25');
    await expect(cell.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('2');
    await expect(page).toHaveURL(/\?v=1&p=0.25&hidden=500&.*epochs=2&.*&zoom=3$/);
    await cell.getByRole('button', { name: 'Dismiss' }).click();
    await expect(cell.getByRole('alert')).toHaveCount(0);
  });

  test('settings changes are written to the URL, and Copy link copies it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    const cell = experiment(page);
    await expect(page).toHaveURL(/[?&]seed=231&/);
    const entries = await page.evaluate(() => history.length);
    await cell.getByRole('spinbutton', { name: 'Seed' }).fill('12');
    for (const p of ['0.3', '0.5', '0.75']) await cell.getByRole('slider', { name: 'Keep probability' }).fill(p);
    await expect(page).toHaveURL(/[?&]p=0.75&.*[?&]seed=12&/);
    // replaceState: no history entry per change.
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await cell.getByRole('button', { name: 'Copy link' }).click();
    await expect(cell.getByText('Link copied')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    // The link opens the same settings in a new page.
    const other = await context.newPage();
    await other.goto(copied);
    await expect(experiment(other).getByRole('spinbutton', { name: 'Seed' })).toHaveValue('12');
    await expect(experiment(other).getByRole('slider', { name: 'Keep probability' })).toHaveValue('0.75');
  });

  test('without browser storage the app says so and keeps runs for the session; a refused clipboard shows the link', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined });
      navigator.clipboard.writeText = () => Promise.reject(new Error('Write permission denied.'));
    });
    await page.goto('/?epochs=1&seed=3');
    const runs = runsPanel(page);
    await expect(runs.getByRole('alert')).toContainText(
      'This browser offers no storage (IndexedDB): saved runs are kept only until the page is reloaded.',
    );
    await trainToEnd(page);
    await expect(savedRows(page)).toHaveCount(1);
    await expect(savedRows(page).first()).toContainText('seed=3');

    const cell = experiment(page);
    await cell.getByRole('button', { name: 'Copy link' }).click();
    await expect(cell.getByRole('alert')).toContainText(
      'This browser did not let the page use the clipboard. The link below is selected',
    );
    await expect(cell.getByRole('alert')).not.toContainText('Write permission denied');
    await expect(cell.getByRole('textbox', { name: 'Link to these settings' })).toHaveValue(page.url());
  });
});
