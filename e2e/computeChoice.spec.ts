import { expect, test } from '@playwright/test';

test('without WebGPU the GPU choice is disabled with its reason, and a link asking for it explains at Train', async ({
  page,
}) => {
  await page.goto('/?kernels=gpu');
  const cell = page.getByRole('region', { name: 'Regularization experiment' });
  await expect(cell.getByText(/^GPU: (this browser has no WebGPU|no WebGPU adapter found)/)).toBeVisible({
    timeout: 30_000,
  });
  const compute = cell.getByRole('combobox', { name: 'Compute' });
  await compute.selectOption('exact');
  await expect(compute.locator('option', { hasText: 'GPU (WebGPU)' })).toBeDisabled();
  await page.goto('/?kernels=gpu');
  await expect(cell.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
  await cell.getByRole('button', { name: 'Train' }).click();
  await expect(cell.getByRole('alert')).toContainText('GPU (WebGPU) is not available here');
  await expect(cell.getByRole('alert')).toContainText('Choose Exact or Fast');
});
