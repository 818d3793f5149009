import { expect, test } from '@playwright/test';

test.describe('the first three notebook cells', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
  });

  test('dropout forward pass: means and zero fractions as the assignment prints', async ({ page }) => {
    const cell = page.getByRole('region', { name: 'Dropout forward pass' });
    await cell.getByRole('button', { name: 'Run' }).click();
    const table = cell.getByRole('table', { name: 'Dropout forward pass results' });
    await expect(table).toBeVisible();
    for (const p of [0.25, 0.4, 0.7]) {
      const cells = await table
        .getByRole('row', { name: new RegExp(`^${p} `) })
        .getByRole('cell')
        .allTextContents();
      const [inputMean, trainMean, testMean, , trainZeros, testZeros] = cells.map(Number);
      expect(Math.abs(trainMean / inputMean - 1)).toBeLessThan(0.01);
      expect(testMean).toBeCloseTo(inputMean, 4);
      expect(Math.abs(trainZeros - (1 - p))).toBeLessThan(0.01);
      expect(testZeros).toBe(0);
    }
  });

  test('the scaling toggle changes the forward figures: no scaling leaves test outputs about 1/p too large', async ({
    page,
  }) => {
    const cell = page.getByRole('region', { name: 'Dropout forward pass' });
    await cell.getByRole('button', { name: 'Run' }).click();
    const table = cell.getByRole('table', { name: 'Dropout forward pass results' });
    await expect(table).toBeVisible();
    await cell.getByRole('radio', { name: 'No scaling' }).check();
    await expect(table.getByRole('caption')).toHaveText('No scaling');
    for (const p of [0.25, 0.4, 0.7]) {
      const cells = await table
        .getByRole('row', { name: new RegExp(`^${p} `) })
        .getByRole('cell')
        .allTextContents();
      const ratio = Number(cells[3]);
      expect(Math.abs(ratio - 1 / p) / (1 / p)).toBeLessThan(0.02);
    }
  });

  test('dropout backward pass: relative error of dx is tiny', async ({ page }) => {
    const cell = page.getByRole('region', { name: 'Dropout backward pass' });
    await cell.getByRole('button', { name: 'Run' }).click();
    const value = cell.getByTestId('dx-rel-error');
    await expect(value).toBeVisible();
    expect(Number(await value.textContent())).toBeLessThan(1e-9);
  });

  test('fully-connected net: initial loss near 2.3 and every relative error below 1e-4', async ({ page }) => {
    const cell = page.getByRole('region', { name: 'Fully-connected net with dropout' });
    await cell.getByRole('button', { name: 'Run' }).click();
    const table = cell.getByRole('table', { name: 'Gradient check results' });
    await expect(table).toBeVisible();
    for (const dropout of ['1', '0.75', '0.5']) {
      const cells = (
        await table
          .getByRole('row', { name: new RegExp(`^${dropout} `) })
          .getByRole('cell')
          .allTextContents()
      ).map(Number);
      expect(cells).toHaveLength(7);
      expect(Math.abs(cells[0] - 2.3)).toBeLessThan(0.02);
      for (const relError of cells.slice(1)) expect(relError).toBeLessThan(1e-4);
    }
  });
});
