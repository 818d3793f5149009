import { expect, test, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });

/** Final train, final val and best val of each configuration of the Results table, as numbers. */
async function results(page: Page): Promise<Record<string, number[]>> {
  const rows = experiment(page).getByRole('table', { name: 'Results' }).locator('tbody tr');
  const cells = await rows.evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent ?? '')),
  );
  return Object.fromEntries(
    cells.map(([label, , train, val, best]) => [label, [Number(train), Number(val), Number(best.split(' ')[0])]]),
  );
}

test.describe('the GPU path (WebGPU, on SwiftShader)', () => {
  test('GPU is offered and chosen where an adapter is found; a short run on it agrees with Exact within 0.01', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.goto('/?epochs=2&hidden=50&train=200&seed=5');
    const cell = experiment(page);
    const compute = cell.getByRole('combobox', { name: 'Compute' });
    await expect(compute).toHaveValue('gpu', { timeout: 30_000 });
    await expect(cell.getByText(/^GPU: .*swiftshader.*\(float32/i)).toBeVisible();
    await expect(cell.getByText(/Active dataset: CIFAR-10 sample/)).toBeVisible({ timeout: 30_000 });
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 240_000 });
    await expect(cell.getByText(/webgpu \(.*swiftshader/i)).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Dropout mask' }).getByText('On the GPU the activations stay on the device'),
    ).toBeVisible();
    const onGpu = await results(page);

    await compute.selectOption('exact');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 240_000 });
    const exact = await results(page);
    console.log(`GPU (SwiftShader): ${JSON.stringify(onGpu)}; Exact: ${JSON.stringify(exact)}`);
    expect(Object.keys(onGpu)).toEqual(['p = 1 (no dropout)', 'p = 0.25']);
    for (const label of Object.keys(exact)) {
      onGpu[label].forEach((v, i) =>
        expect(Math.abs(v - exact[label][i]), `${label} column ${i}`).toBeLessThanOrEqual(0.01),
      );
    }
    // The figures of "Why it works" come from the GPU run's best parameters.
    await compute.selectOption('gpu');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 240_000 });
    await expect(
      page
        .getByRole('region', { name: 'Test time: one pass or an ensemble of thinned nets' })
        .getByRole('table', { name: /masks averaged data$/ }),
    ).toBeAttached({ timeout: 60_000 });
  });
});
