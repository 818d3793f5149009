import { expect, test, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });

/** A row of the Results table as numbers: final train, final val, best val, gap. */
async function resultRow(page: Page, label: RegExp) {
  const cells = await experiment(page)
    .getByRole('table', { name: 'Results' })
    .getByRole('row', { name: label })
    .getByRole('cell')
    .allTextContents();
  const [status, finalTrain, finalVal, best, gap] = cells;
  return {
    status,
    finalTrain: Number(finalTrain),
    finalVal: Number(finalVal),
    bestVal: Number(best.split(' ')[0]),
    gap: Number(gap),
    text: cells.join(' | '),
  };
}

test.describe("the assignment's experiment on first open", () => {
  test("a fresh page, no settings touched, Train: the built-in CIFAR-10 sample shows the assignment's result", async ({
    page,
  }) => {
    await page.goto('/');
    const cell = experiment(page);
    await expect(cell.getByRole('combobox', { name: 'Dataset' })).toHaveValue('cifar-sample');
    await expect(cell.getByRole('combobox', { name: 'Dataset' }).locator('option').first()).toHaveText(
      'CIFAR-10 sample (built-in)',
    );
    await expect(cell.getByText('Data: the CIFAR-10 sample built into the app')).toBeVisible();
    await expect(
      cell.getByText(
        /Active dataset: CIFAR-10 sample \(built-in\): 1,000 training images, 1,000 test images, 3 × 32 × 32 each/,
      ),
    ).toBeVisible({ timeout: 30_000 });
    // The example strip: one real image of each class, named.
    const examples = cell.getByRole('group', { name: 'Example images' });
    await expect(examples.locator('figcaption')).toHaveText([
      'airplane',
      'automobile',
      'bird',
      'cat',
      'deer',
      'dog',
      'frog',
      'horse',
      'ship',
      'truck',
    ]);
    await expect(examples.getByRole('img', { name: 'Example 1: frog' })).toBeVisible();
    await expect(page.getByRole('contentinfo', { name: 'About the data' })).toContainText(
      'Learning Multiple Layers of Features from Tiny Images',
    );
    await expect(page.getByRole('contentinfo', { name: 'About the data' })).toContainText('2,000 real CIFAR-10 images');

    const started = Date.now();
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 180_000 });
    await expect(cell.getByRole('status')).toContainText('Epoch 25 / 25');
    const baseline = await resultRow(page, /^p = 1 \(no dropout\)/);
    const dropout = await resultRow(page, /^p = 0.25/);
    console.log(
      `default run on the built-in CIFAR-10 sample, ${((Date.now() - started) / 1000).toFixed(1)} s from the click:\n  p = 1:    ${baseline.text}\n  p = 0.25: ${dropout.text}`,
    );
    expect(baseline.status).toBe('finished');
    expect(dropout.status).toBe('finished');
    // Without dropout the net memorizes its 500 images; validation stays near 0.3.
    expect(baseline.finalTrain).toBeGreaterThanOrEqual(0.95);
    expect(baseline.gap).toBeGreaterThan(0.5);
    // Dropout holds training accuracy back.
    expect(baseline.finalTrain - dropout.finalTrain).toBeGreaterThanOrEqual(0.03);
    for (const { bestVal } of [baseline, dropout]) {
      expect(bestVal).toBeGreaterThan(0.2);
      expect(bestVal).toBeLessThan(0.45);
    }
  });
});
