import { expect, test, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });

async function dataRows(page: Page, chart: string) {
  const table = experiment(page).getByRole('table', { name: `${chart} data` });
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent ?? '')));
}

test.describe('the regularization experiment', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
  });

  test('trains both configurations for 3 epochs on the built-in MNIST and fills charts and results', async ({
    page,
  }) => {
    await page.goto('/?dataset=mnist');
    const cell = experiment(page);
    await expect(
      cell.getByText(/Active dataset: MNIST \(built-in\): 10,000 training images, 1 × 28 × 28 each/),
    ).toBeVisible();
    await expect(cell.getByRole('group', { name: 'Example images' })).toBeVisible();
    const slider = cell.getByRole('slider', { name: 'Keep probability' });
    await expect(slider).toHaveValue('0.25');
    await slider.fill('0.5');
    await expect(slider).toHaveAttribute('aria-valuetext', 'p = 0.5');
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('3');
    await cell.getByRole('button', { name: 'Train' }).click();

    await expect(cell.getByRole('status')).toContainText('Epoch 3 / 3', { timeout: 90_000 });
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });

    for (const chart of ['Train accuracy', 'Validation accuracy']) {
      const figure = cell.getByRole('figure', { name: chart });
      // The legend names one line per configuration; the data table behind the chart has a column for each.
      await expect(figure.getByRole('listitem').filter({ hasText: 'p = 1 (no dropout)' })).toBeVisible();
      await expect(figure.getByRole('listitem').filter({ hasText: /^p = 0.5$/ })).toBeVisible();
      await expect(figure.getByRole('columnheader', { name: 'p = 0.5', exact: true })).toBeAttached();
      // The chart follows the store a moment later (it redraws once a second): wait until every point is drawn.
      const complete = (rows: string[][]) => rows.map((r) => [r[0], r.slice(1).every((v) => v !== '')]);
      await expect
        .poll(async () => complete(await dataRows(page, chart)))
        .toEqual(['0', '1', '2', '3'].map((e) => [e, true]));
      const rows = await dataRows(page, chart);
      for (const [, baseline, dropout] of rows) {
        expect(Number(baseline)).toBeGreaterThan(0);
        expect(Number(dropout)).toBeGreaterThan(0);
      }
    }
    const results = cell.getByRole('table', { name: 'Results' });
    for (const label of ['p = 1 (no dropout)', 'p = 0.5']) {
      const cells = await results
        .getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) })
        .getByRole('cell')
        .allTextContents();
      expect(cells[0]).toBe('finished');
      const [trainAcc, valAcc] = [Number(cells[1]), Number(cells[2])];
      expect(trainAcc).toBeGreaterThan(0.5);
      expect(valAcc).toBeGreaterThan(0.5);
      expect(Number(cells[4])).toBeCloseTo(trainAcc - valAcc, 2);
    }
  });

  test('Stop during a longer run leaves a stopped, usable app', async ({ page }) => {
    const cell = experiment(page);
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('200');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText(/Epoch [1-9]/, { timeout: 60_000 });
    await cell.getByRole('button', { name: 'Stop' }).click();
    await expect(cell.getByRole('status')).toContainText('Stopped');
    await expect(cell.getByRole('button', { name: 'Stop' })).toBeDisabled();
    // The charts redraw at most once a second: wait for the last redraw after Stop; then nothing moves.
    let previous = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await dataRows(page, 'Validation accuracy'));
          const settled = now === previous;
          previous = now;
          return settled;
        },
        { intervals: [1200], timeout: 20_000 },
      )
      .toBe(true);
    const rowsAfterStop = JSON.parse(previous) as string[][];
    expect(rowsAfterStop.length).toBeGreaterThan(1);
    await page.waitForTimeout(1500);
    expect(await dataRows(page, 'Validation accuracy')).toEqual(rowsAfterStop);
    // Each net trains in its own worker, so at Stop they may be an epoch apart: each row says where its figures are from.
    const results = cell.getByRole('table', { name: 'Results' });
    for (const [column, label] of [
      [1, /^p = 1 /],
      [2, /^p = 0.25 /],
    ] as const) {
      const lastEpoch = rowsAfterStop.filter((r) => r[column] !== '').at(-1)![0];
      await expect(results.getByRole('row', { name: label })).toContainText(
        `stopped (figures from epoch ${lastEpoch})`,
      );
    }

    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 60_000 });
    await expect.poll(async () => (await dataRows(page, 'Validation accuracy')).map((r) => r[0])).toEqual(['0', '1']);
  });

  test('moving the slider during a run applies to the next run, and the UI says so', async ({ page }) => {
    const cell = experiment(page);
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('50');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText(/Epoch [1-9]/, { timeout: 60_000 });
    await cell.getByRole('slider', { name: 'Keep probability' }).fill('0.75');
    await expect(
      cell.getByText(/Keep probability is now 0.75: it applies to the next run; this run keeps p = 0.25/),
    ).toBeVisible();
    await expect(
      cell
        .getByRole('figure', { name: 'Validation accuracy' })
        .getByRole('listitem')
        .filter({ hasText: /^p = 0.25$/ }),
    ).toBeVisible();
    // Other settings: the notice names what changed.
    await cell.getByRole('slider', { name: 'Keep probability' }).fill('0.25');
    await cell.getByRole('spinbutton', { name: 'Hidden size' }).fill('100');
    await expect(
      cell.getByText('Changed: Hidden size. The changes apply to the next run; this run keeps its settings.'),
    ).toBeVisible();
    await cell.getByRole('button', { name: 'Stop' }).click();
  });

  test('an out-of-range setting gets a message and the last valid value is kept', async ({ page }) => {
    const cell = experiment(page);
    const hidden = cell.getByRole('spinbutton', { name: 'Hidden size' });
    await hidden.fill('0');
    await expect(cell.getByRole('alert')).toContainText('Hidden size must be at least 1 and at most 4096; using 500.');
    await hidden.fill('100');
    await expect(cell.getByRole('alert')).toHaveCount(0);
  });
});
