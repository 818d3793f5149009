import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Real CIFAR-10 subsets beside the repository; a user's clone has none, so these tests skip. */
const DIR = fileURLToPath(new URL('../../shared/data/cifar10/', import.meta.url));
const haveShared = existsSync(`${DIR}train_1000.bin`) && existsSync(`${DIR}val_1000.bin`);

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });

/** Opens the app, picks CIFAR-10 and loads the two shared files through "Load CIFAR-10". */
async function loadSharedCifar(page: Page) {
  await page.goto('/');
  const cell = experiment(page);
  await cell.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'CIFAR-10 (your files)' });
  await cell.getByLabel('Load CIFAR-10').setInputFiles([`${DIR}train_1000.bin`, `${DIR}val_1000.bin`]);
  await expect(cell.getByText(/Active dataset: CIFAR-10/)).toBeVisible({ timeout: 30_000 });
  return cell;
}

test.describe('CIFAR-10 from the user\'s own files', () => {
  test('loads the two CIFAR-10 files through "Load CIFAR-10" and trains 2 epochs', async ({ page }) => {
    test.skip(!haveShared, `${DIR} is absent`);
    const cell = await loadSharedCifar(page);
    await expect(cell.getByText(/1,000 training images, 1,000 test images, 3 × 32 × 32 each/)).toBeVisible();
    await expect(cell.getByRole('img', { name: 'Example 1: frog' })).toBeVisible();
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('2');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });
    await expect(cell.getByRole('status')).toContainText('Epoch 2 / 2');
    await expect(cell.getByRole('table', { name: 'Validation accuracy data' }).getByRole('rowheader')).toHaveText(['0', '1', '2']);
  });

  test('a 100-byte junk file shows an alert naming it and keeps the previous dataset', async ({ page }) => {
    await page.goto('/');
    const cell = experiment(page);
    await expect(cell.getByText(/Active dataset: MNIST/)).toBeVisible({ timeout: 30_000 });
    await cell.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'CIFAR-10 (your files)' });
    const junk = { name: 'data_batch_1.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(100, 7) };
    await cell.getByLabel('Load CIFAR-10').setInputFiles(junk);
    await expect(cell.getByRole('alert')).toContainText('data_batch_1.bin');
    await expect(cell.getByText('No CIFAR-10 files loaded yet.')).toBeVisible();
    // The built-in dataset was never touched: switching back trains as before.
    await cell.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'MNIST (built-in)' });
    await expect(cell.getByText(/Active dataset: MNIST/)).toBeVisible();
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 60_000 });
  });

  test('a junk file after a good load keeps the loaded CIFAR-10', async ({ page }) => {
    test.skip(!haveShared, `${DIR} is absent`);
    const cell = await loadSharedCifar(page);
    await cell.getByLabel('Load CIFAR-10').setInputFiles({ name: 'notes.txt.bin', mimeType: 'text/plain', buffer: Buffer.from('hello, this is not an image file\n'.repeat(3)) });
    await expect(cell.getByRole('alert')).toContainText('notes.txt.bin');
    await expect(cell.getByText(/Active dataset: CIFAR-10/)).toBeVisible();
  });
});
