import { expect, test, type Locator, type Page } from '@playwright/test';

/** The assignment's three closing questions, answered by using the notebook. */

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });
const sweepCell = (page: Page) => page.getByRole('region', { name: 'Sweep', exact: true });

async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())),
    );
}

const escape = (s: string) => s.replace(/[().]/g, '\\$&');

test.describe("the assignment's questions", () => {
  // On MNIST two epochs already generalize (validation above 0.3), which these checks of the mechanics rely on.
  test.beforeEach(async ({ page }) => {
    await page.goto('/?dataset=mnist');
  });

  test('Question 1 (forward cell): vanilla dropout scales by p at test time, so the means agree again', async ({
    page,
  }) => {
    const cell = page.getByRole('region', { name: 'Dropout forward pass' });
    await cell.getByRole('radio', { name: 'Vanilla dropout' }).check();
    await cell.getByRole('button', { name: 'Run' }).click();
    const table = cell.getByRole('table', { name: 'Dropout forward pass results' });
    await expect(table.getByRole('caption')).toHaveText('Vanilla dropout');
    for (const p of [0.25, 0.4, 0.7]) {
      const [inputMean, trainMean, testMean, ratio] = (
        await table
          .getByRole('row', { name: new RegExp(`^${p} `) })
          .getByRole('cell')
          .allTextContents()
      ).map(Number);
      // Train time keeps about p of the units unscaled; test time multiplies every unit by p.
      expect(Math.abs(trainMean / (p * inputMean) - 1)).toBeLessThan(0.02);
      expect(testMean).toBeCloseTo(p * inputMean, 3);
      expect(Math.abs(ratio - 1)).toBeLessThan(0.02);
    }
  });

  test('Questions 1 and 2: a 2-epoch run with "No scaling" trains three configurations; the gap chart and the reading follow', async ({
    page,
  }) => {
    const cell = experiment(page);
    await expect(cell.getByRole('group', { name: 'Example images' })).toBeVisible();
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('2');
    await cell.getByRole('radio', { name: 'No scaling' }).check();
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });

    const labels = ['p = 1 (no dropout)', 'p = 0.25 (no scaling)', 'p = 0.25 (inverted)'];
    const results = cell.getByRole('table', { name: 'Results' });
    const figures = new Map<string, { train: number; val: number; gap: number }>();
    for (const label of labels) {
      const cells = await results
        .getByRole('row', { name: new RegExp(`^${escape(label)}`) })
        .getByRole('cell')
        .allTextContents();
      expect(cells[0]).toBe('finished');
      figures.set(label, { train: Number(cells[1]), val: Number(cells[2]), gap: Number(cells[4]) });
      expect(Number(cells[2])).toBeGreaterThan(0.3);
    }
    expect(await results.locator('tbody tr').count()).toBe(3);

    const gapChart = cell.getByRole('figure', { name: 'Train − val gap' });
    for (const label of labels)
      await expect(gapChart.getByRole('listitem').filter({ hasText: new RegExp(`^${escape(label)}$`) })).toBeVisible();
    const gapTable = gapChart.getByRole('table', { name: 'Train − val gap data' });
    // Charts redraw a moment after the store changes (a few times a second, as a transition).
    await expect
      .poll(async () => (await tableRows(gapTable)).map((r) => [r[0], r.slice(1).every((v) => v !== '')]))
      .toEqual(['0', '1', '2'].map((e) => [e, true]));
    const gapRows = await tableRows(gapTable);
    // The chart's last point per configuration is the Results table's gap.
    const last = gapRows.at(-1)!;
    labels.forEach((label, i) => expect(Number(last[i + 1])).toBeCloseTo(figures.get(label)!.gap, 2));

    const reading = cell.getByRole('note', { name: 'Reading of this run' });
    const base = figures.get(labels[0])!;
    await expect(reading).toContainText(
      `Without dropout the net reaches ${(base.train * 100).toFixed(1)}% training accuracy`,
    );
    await expect(reading).toContainText(`${(base.val * 100).toFixed(1)}% validation accuracy`);
    await expect(reading).toContainText('With p = 0.25 (no scaling) the gap');
    await expect(reading).toContainText('with p = 0.25 (inverted) the gap');
  });

  test('Question 3: a 2 x 2 sweep with 2 epochs fills its chart and its table, marks the best p and what is within the noise of it, and reads it', async ({
    page,
  }) => {
    await experiment(page).getByRole('spinbutton', { name: 'Epochs' }).fill('2');
    const cell = sweepCell(page);
    const keepProbs = cell.getByRole('textbox', { name: 'Keep probabilities' });
    await expect(keepProbs).toHaveValue('0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1');
    await keepProbs.fill('1, 0.5');
    await cell.getByRole('textbox', { name: 'Hidden sizes' }).fill('20, 50');
    await cell.getByRole('button', { name: 'Run sweep (4 runs)' }).click();
    await expect(cell.getByRole('status')).toContainText('Done · 4 / 4 runs', { timeout: 90_000 });
    await expect(cell.getByText(/Each run: .*2 epochs.*seed 231, scaling: inverted\./)).toBeVisible();

    const table = cell.getByRole('table', { name: 'Sweep results' });
    await expect(table.getByRole('columnheader')).toHaveText(['Hidden size', 'p = 0.5', 'p = 1']);
    const rows = await tableRows(table);
    expect(rows.map((r) => r[0])).toEqual(['20', '50']);
    /** Whether a row's two p values are within one standard error (1,000 validation images) of each other. */
    const rowsWithinNoise: boolean[] = [];
    for (const [, ...cells] of rows) {
      const values = cells.map((c) => Number(c.split(' ')[0]));
      for (const v of values) expect(v).toBeGreaterThan(0.3);
      const best = Math.max(...values);
      const se = Math.sqrt((best * (1 - best)) / 1000);
      cells.forEach((c, i) => expect(c.endsWith(' best')).toBe(values[i] === best));
      cells.forEach((c, i) =>
        expect(c.includes('≈ within the noise of the best')).toBe(values[i] !== best && best - values[i] <= se + 1e-9),
      );
      rowsWithinNoise.push(Math.abs(values[0] - values[1]) <= se + 1e-9);
    }
    await expect(table.locator('strong')).not.toHaveCount(0);

    const chart = cell.getByRole('figure', { name: 'Best validation accuracy vs p' });
    for (const name of ['20 hidden units', '50 hidden units'])
      await expect(chart.getByRole('listitem').filter({ hasText: name })).toBeVisible();
    const chartRows = await tableRows(chart.getByRole('table', { name: 'Best validation accuracy vs p data' }));
    expect(chartRows.map((r) => r[0])).toEqual(['0.5', '1']);
    // The chart's points are the table's cells, transposed.
    for (let p = 0; p < 2; p++)
      for (let h = 0; h < 2; h++) expect(chartRows[p][h + 1]).toBe(rows[h][p + 1].split(' ')[0]);

    const reading = cell.getByRole('note', { name: 'Reading of this sweep' });
    await expect(reading).toContainText(
      /at 20 hidden units and .* at 50\. With 1,000 validation images, an accuracy near 0\.\d\d has a standard error of about \d\.\d points .* The train − val gap .*\.$/,
    );
    await expect(reading).not.toContainText('Kendall');
    // Where both rows' p values are within the noise of each other, no trend may be read.
    if (rowsWithinNoise.every(Boolean))
      await expect(reading).not.toContainText(/want a (larger|smaller) p|no steady trend between/);
  });

  test('Question 3: a cell of the sweep is the very run the experiment trains for that p and hidden size', async ({
    page,
  }) => {
    const exp = experiment(page);
    await expect(exp.getByRole('group', { name: 'Example images' })).toBeVisible();
    await exp.getByRole('spinbutton', { name: 'Epochs' }).fill('2');
    await exp.getByRole('spinbutton', { name: 'Hidden size' }).fill('60');
    await exp.getByRole('button', { name: 'Train' }).click();
    await expect(exp.getByRole('status')).toContainText('Done', { timeout: 90_000 });
    const cells = await exp
      .getByRole('table', { name: 'Results' })
      .getByRole('row', { name: /^p = 0\.25 / })
      .getByRole('cell')
      .allTextContents();
    const bestValAcc = cells[3].split(' ')[0];

    const cell = sweepCell(page);
    await cell.getByRole('textbox', { name: 'Keep probabilities' }).fill('0.25');
    await cell.getByRole('textbox', { name: 'Hidden sizes' }).fill('60');
    await cell.getByRole('button', { name: 'Run sweep (1 run)' }).click();
    await expect(cell.getByRole('status')).toContainText('Done · 1 / 1 runs', { timeout: 60_000 });
    expect(await cell.getByRole('table', { name: 'Sweep results' }).getByRole('cell').allTextContents()).toEqual([
      `${bestValAcc} best`,
    ]);
  });

  test('Question 3: a bad list gets a message and keeps the last good one; Stop ends a sweep and leaves the app usable', async ({
    page,
  }) => {
    const cell = sweepCell(page);
    const hidden = cell.getByRole('textbox', { name: 'Hidden sizes' });
    await hidden.fill('50, abc');
    await expect(cell.getByRole('alert')).toHaveText('Hidden sizes: "abc" is not a number; using 50, 100, 200, 500.');
    await hidden.fill('50, 5000');
    await expect(cell.getByRole('alert')).toContainText(
      'Hidden sizes: 5000 is not allowed (Hidden size must be at least 1 and at most 4096)',
    );
    await hidden.fill('30');
    await expect(cell.getByRole('alert')).toHaveCount(0);
    await cell.getByRole('button', { name: 'Run sweep (10 runs)' }).click();
    await expect(cell.getByRole('status')).toContainText('Running');
    await cell.getByRole('button', { name: 'Stop' }).click();
    await expect(cell.getByRole('status')).toContainText('Stopped');
    await expect(cell.getByRole('button', { name: 'Stop' })).toBeDisabled();
    await expect(cell.getByRole('table', { name: 'Sweep results' })).toContainText('stopped');
    await experiment(page).getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    await cell.getByRole('textbox', { name: 'Keep probabilities' }).fill('0.5');
    await cell.getByRole('button', { name: 'Run sweep (1 run)' }).click();
    await expect(cell.getByRole('status')).toContainText('Done · 1 / 1 runs', { timeout: 60_000 });
  });
});
