import { expect, test, type Locator, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });
const cell = (page: Page, name: string) => page.getByRole('region', { name });

/** Rows of a chart's data table (for screen readers) as text. */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent ?? '')));
}

/** How many distinct colours a canvas shows: a blank or flat canvas has one. */
async function distinctColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const { data } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length && seen.size < 50; i += 4)
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

test.describe("why it works: the dropout paper's experiments", () => {
  test('after a default run, each cell shows its figures and reads them; MC dropout at k = 100 is within 0.03 of one pass', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.goto('/');
    const features = cell(page, 'What the units learn');
    await expect(features.getByText('Train the experiment in cell 4 to see these figures.')).toBeVisible();
    await expect(experiment(page).getByText(/Active dataset: CIFAR-10 sample/)).toBeVisible({ timeout: 30_000 });
    await experiment(page).getByRole('button', { name: 'Train' }).click();
    // While training, the tiles follow the run.
    await expect(
      features.getByRole('img', {
        name: /^First-layer weights of p = 0.25: 64 of 500 units, Largest weights first; Iteration \d+$/,
      }),
    ).toBeVisible({ timeout: 60_000 });
    await expect(experiment(page).getByRole('status')).toContainText('Done', { timeout: 180_000 });

    // 1. What the units learn: one grid per configuration, of the kept best parameters, not blank.
    for (const label of ['p = 1 (no dropout)', 'p = 0.25']) {
      const grid = features.getByRole('img', {
        name: `First-layer weights of ${label}: 64 of 500 units, Largest weights first; Best parameters (end of run)`,
      });
      await expect(grid).toBeVisible();
      expect(await distinctColours(grid)).toBeGreaterThan(40);
    }
    await features.getByRole('combobox', { name: 'Units shown' }).selectOption('16');
    await features.getByRole('radio', { name: 'Unit index' }).check();
    await expect(
      features.getByRole('img', { name: /^First-layer weights of p = 0.25: 16 of 500 units, Unit index;/ }),
    ).toBeVisible();
    await expect(features.getByRole('table', { name: 'Units shown for p = 0.25' }).locator('tbody tr')).toHaveCount(16);
    await expect(
      features.getByRole('table', { name: 'Units shown for p = 0.25' }).locator('tbody tr th').first(),
    ).toHaveText('0');
    const featureReading = await features.locator('.reading').textContent();
    // 125 Adam steps leave both grids noise-like: the reading says so, and why, rather than reading a trend into them.
    expect(featureReading).toMatch(
      /^Both nets’ features are still close to noise \(roughness p = 1 \(no dropout\) 0\.9\d; p = 0\.25 0\.9\d; .*\): 125 Adam steps on 500 images /,
    );

    // 2. Sparser activations: four histograms with data, the statistics, and a reading.
    const sparsity = cell(page, 'Sparser activations');
    for (const title of [
      'Activations: p = 1 (no dropout)',
      'Activations: p = 0.25',
      'Mean activation per unit: p = 1 (no dropout)',
      'Mean activation per unit: p = 0.25',
    ]) {
      const rows = await tableRows(sparsity.getByRole('table', { name: `${title} data` }));
      expect(rows).toHaveLength(30);
      const total = rows.reduce((sum, r) => sum + Number(r[1].replace('%', '')), 0);
      expect(total).toBeGreaterThan(99);
      expect(total).toBeLessThan(101);
      // The share axis writes every tick, evenly spaced (it once read 0%, 20%, 40%, 80%).
      const ticks = (
        await sparsity
          .getByRole('figure', { name: title, exact: true })
          .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
          .allTextContents()
      )
        .map((text) => Number(text.replace('%', '')))
        .sort((a, b) => a - b);
      expect(ticks.length, `${title}: ${ticks.join(', ')}`).toBeGreaterThanOrEqual(3);
      for (let i = 2; i < ticks.length; i++)
        expect(ticks[i] - ticks[i - 1], `${title}: ${ticks.join(', ')}`).toBeCloseTo(ticks[1] - ticks[0], 6);
    }
    const stats = await tableRows(sparsity.getByRole('table', { name: 'Activation statistics' }));
    expect(stats.map((r) => r[0])).toEqual(['p = 1 (no dropout)', 'p = 0.25']);
    for (const r of stats) expect(Number(r[1])).toBeGreaterThan(0);
    await expect(sparsity.locator('.reading')).toContainText(
      '(The paper’s autoencoder: 2.0 without dropout, 0.7 with.)',
    );

    // 3. Test time: the curve over k, the deterministic pass, and the least certain images.
    const mc = cell(page, 'Test time: one pass or an ensemble of thinned nets');
    const curve = await tableRows(
      mc.getByRole('table', { name: 'Validation accuracy against the number of masks averaged data' }),
    );
    expect(curve.map((r) => r[0])).toEqual(['1', '2', '5', '10', '20', '50', '100']);
    const [, mc100, deterministic] = curve.at(-1)!.map(Number);
    console.log(
      `MC dropout on the default run: ${curve.map((r) => `k = ${r[0]}: ${r[1]}`).join(', ')}; one test-time pass ${deterministic}`,
    );
    expect(Math.abs(mc100 - deterministic)).toBeLessThanOrEqual(0.03);
    await expect(mc.locator('.reading')).toContainText('For p = 0.25, averaging 100 thinned nets gives');
    const strip = mc.getByRole('group', { name: 'The validation images p = 0.25 is least sure about (100 masks)' });
    await expect(strip.getByRole('img')).toHaveCount(8);
    const captions = await strip.locator('figcaption').allTextContents();
    const classes = /airplane|automobile|bird|cat|deer|dog|frog|horse|ship|truck/;
    for (const caption of captions)
      expect(caption).toMatch(new RegExp(`^(${classes.source}) \\(\\d+%\\)true: (${classes.source})$`));
    expect(await distinctColours(strip.getByRole('img').first())).toBeGreaterThan(20);
  });

  test('a fixed p·n sweep trains n = p·n / p units for each p, completes, and is kept, reopened and deleted', async ({
    page,
  }) => {
    await page.goto('/?epochs=2&train=200');
    const sweep = cell(page, 'Sweep');
    await sweep.getByRole('radio', { name: 'Fixed p·n' }).check();
    await sweep.getByRole('textbox', { name: 'Keep probabilities' }).fill('0.5, 1');
    await sweep.getByRole('textbox', { name: 'Kept units (p·n)' }).fill('20');
    await sweep.getByRole('button', { name: 'Run sweep (2 runs)' }).click();
    await expect(sweep.getByRole('status')).toContainText('Done', { timeout: 120_000 });
    const table = sweep.getByRole('table', { name: 'Sweep results' });
    await expect(table.getByRole('columnheader', { name: 'Fixed p·n' })).toBeVisible();
    const row = table.getByRole('row', { name: /^20 / });
    await expect(row.getByRole('cell')).toHaveText([/^0\.\d{3} n = 40( best)?$/, /^0\.\d{3} n = 20( best)?$/]);
    await expect(sweep.getByRole('figure', { name: 'Train − val gap at the end vs p' })).toBeVisible();
    await expect(sweep.getByRole('note', { name: 'Reading of this sweep' })).toContainText('at p·n = 20');

    const saved = sweep.getByRole('table', { name: 'Saved sweeps' });
    const name = 'p × fixed p·n · 2 runs · seed 231 · CIFAR-10 sample';
    await expect(saved.getByRole('row', { name: new RegExp(`^${name.replace(/[()·×]/g, '.')}`) })).toBeVisible();
    // The sweep on screen says so, which is why its Open button is disabled.
    await expect(saved.getByRole('row', { name: /\(shown above\)/ })).toBeVisible();
    await expect(saved.getByRole('button', { name: `Open ${name}` })).toBeDisabled();
    const download = page.waitForEvent('download');
    await saved.getByRole('button', { name: `Export CSV: ${name}` }).click();
    expect((await download).suggestedFilename()).toMatch(/^dropout-lab-sweep-.*\.csv$/);

    // Kept across a reload, and opened again in the Sweep cell.
    await page.reload();
    await expect(cell(page, 'Sweep').getByRole('table', { name: 'Saved sweeps' }).getByRole('row')).toHaveCount(2);
    await expect(cell(page, 'Sweep').getByText('(shown above)')).toHaveCount(0);
    await cell(page, 'Sweep')
      .getByRole('button', { name: `Open ${name}` })
      .click();
    await expect(
      cell(page, 'Sweep').getByRole('table', { name: 'Saved sweeps' }).getByText('(shown above)'),
    ).toBeVisible();
    await expect(
      cell(page, 'Sweep')
        .getByRole('table', { name: 'Sweep results' })
        .getByRole('row', { name: /^20 / })
        .getByRole('cell'),
    ).toHaveText([/n = 40( best)?$/, /n = 20( best)?$/]);
    await cell(page, 'Sweep')
      .getByRole('button', { name: `Delete ${name}` })
      .click();
    await expect(
      cell(page, 'Sweep').getByText('Each sweep is kept here, in this browser, when it ends or is stopped.'),
    ).toBeVisible();
  });

  test('Gaussian dropout: its forward check keeps the mean with variance (1 − p) / p, and it trains beside inverted dropout', async ({
    page,
  }) => {
    await page.goto('/?epochs=2');
    const forward = cell(page, 'Dropout forward pass');
    await forward.getByRole('radio', { name: 'Gaussian dropout (noise with mean 1)' }).check();
    await forward.getByRole('button', { name: 'Run' }).click();
    await expect(forward.getByRole('table', { name: 'Dropout forward pass results' }).getByRole('caption')).toHaveText(
      'Gaussian dropout (noise with mean 1)',
    );
    const rows = await tableRows(forward.getByRole('table', { name: 'Dropout forward pass results' }));
    expect(rows.map((r) => r[0])).toEqual(['0.25', '0.4', '0.7']);
    for (const [, inputMean, trainMean, , , zerosTrain, , variance, expected] of rows) {
      expect(Math.abs(Number(trainMean) / Number(inputMean) - 1)).toBeLessThan(0.01);
      expect(Number(zerosTrain)).toBe(0);
      expect(Math.abs(Number(variance) / Number(expected) - 1)).toBeLessThan(0.03);
    }
    await expect(forward.locator('.reading')).toContainText('same mean and variance as inverted dropout');

    const exp = experiment(page);
    await expect(exp.getByText(/Active dataset: CIFAR-10 sample/)).toBeVisible({ timeout: 30_000 });
    await exp.getByRole('radio', { name: 'Gaussian dropout (noise with mean 1)' }).check();
    await exp.getByRole('button', { name: 'Train' }).click();
    await expect(exp.getByRole('status')).toContainText('Done', { timeout: 120_000 });
    const results = exp.getByRole('table', { name: 'Results' });
    for (const label of ['p = 1 (no dropout)', 'p = 0.25 (Gaussian)', 'p = 0.25 (inverted)']) {
      await expect(
        results.getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')} finished`) }),
      ).toBeVisible();
    }
    // The why-it-works cells follow the three configurations.
    await expect(
      cell(page, 'Test time: one pass or an ensemble of thinned nets')
        .getByRole('table', { name: /masks averaged data$/ })
        .getByRole('columnheader'),
    ).toHaveText([
      'Masks averaged (k)',
      'p = 0.25 (Gaussian): k thinned nets',
      'p = 0.25 (Gaussian): one test-time pass',
      'p = 0.25 (inverted): k thinned nets',
      'p = 0.25 (inverted): one test-time pass',
    ]);
  });
});
