import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CIFAR10_RECORD_BYTES } from '../src/data/cifar10.ts';
import { buildTar } from '../src/data/tarWriter.ts';

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

/** Two small files in the official record format, for a first load that Cancel must keep. */
function smallCifarFiles(): { train: string; test: string } {
  const dir = join(tmpdir(), 'dropout-lab-e2e');
  const train = join(dir, 'data_batch_1.bin');
  const test = join(dir, 'test_batch.bin');
  if (!existsSync(train) || !existsSync(test)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(train, records(200));
    writeFileSync(test, records(100));
  }
  return { train, test };
}

/** CIFAR-10 records with random pixels (so gzip cannot shrink them) and labels 0-9. */
function records(count: number): Uint8Array {
  const bytes = new Uint8Array(randomBytes(count * CIFAR10_RECORD_BYTES));
  for (let i = 0; i < count; i++) bytes[i * CIFAR10_RECORD_BYTES] = i % 10;
  return bytes;
}

/**
 * An archive the size of the real cifar-10-binary.tar.gz (five full training batches and the
 * test batch, about 184 MB), made once per machine: big enough that reading it takes a while.
 */
function bigArchive(): string {
  const path = join(tmpdir(), 'dropout-lab-e2e-cifar-10-binary.tar.gz');
  if (existsSync(path)) return path;
  const names = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'];
  const tar = buildTar(names.map((name) => ({ name: `cifar-10-batches-bin/${name}.bin`, data: records(10_000) })));
  writeFileSync(`${path}.part`, gzipSync(tar, { level: 1 }));
  renameSync(`${path}.part`, path);
  return path;
}

test.describe("CIFAR-10 from the user's own files", () => {
  test('loads the two CIFAR-10 files through "Load CIFAR-10" and trains 2 epochs', async ({ page }) => {
    test.skip(!haveShared, `${DIR} is absent`);
    const cell = await loadSharedCifar(page);
    await expect(cell.getByText(/1,000 training images, 1,000 test images, 3 × 32 × 32 each/)).toBeVisible();
    await expect(cell.getByRole('img', { name: 'Example 1: frog' })).toBeVisible();
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('2');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });
    await expect(cell.getByRole('status')).toContainText('Epoch 2 / 2');
    await expect(cell.getByRole('table', { name: 'Validation accuracy data' }).getByRole('rowheader')).toHaveText([
      '0',
      '1',
      '2',
    ]);
  });

  test('a 100-byte junk file shows an alert naming it and keeps the previous dataset', async ({ page }) => {
    await page.goto('/');
    const cell = experiment(page);
    await expect(cell.getByText(/Active dataset: CIFAR-10 sample \(built-in\)/)).toBeVisible({ timeout: 30_000 });
    await cell.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'CIFAR-10 (your files)' });
    const junk = { name: 'data_batch_1.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(100, 7) };
    await cell.getByLabel('Load CIFAR-10').setInputFiles(junk);
    await expect(cell.getByRole('alert')).toContainText('data_batch_1.bin');
    await expect(cell.getByText('No CIFAR-10 files loaded yet.')).toBeVisible();
    // The built-in dataset was never touched: switching back trains as before.
    await cell.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'CIFAR-10 sample (built-in)' });
    await expect(cell.getByText(/Active dataset: CIFAR-10 sample \(built-in\)/)).toBeVisible();
    await cell.getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 60_000 });
  });

  test('a junk file after a good load keeps the loaded CIFAR-10', async ({ page }) => {
    test.skip(!haveShared, `${DIR} is absent`);
    const cell = await loadSharedCifar(page);
    await cell.getByLabel('Load CIFAR-10').setInputFiles({
      name: 'notes.txt.bin',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello, this is not an image file\n'.repeat(3)),
    });
    await expect(cell.getByRole('alert')).toContainText('notes.txt.bin');
    await expect(cell.getByText(/Active dataset: CIFAR-10/)).toBeVisible();
  });

  test('reading a 184 MB archive shows megabytes read of the total; Cancel stops it and keeps the previous dataset', async ({
    page,
  }) => {
    const archive = bigArchive();
    const small = smallCifarFiles();
    await page.goto('/');
    const cell = experiment(page);
    await cell.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'CIFAR-10 (your files)' });
    await cell.getByLabel('Load CIFAR-10').setInputFiles([small.train, small.test]);
    const previous =
      /Active dataset: CIFAR-10 \(data_batch_1.bin, test_batch.bin\): 200 training images, 100 test images/;
    await expect(cell.getByText(previous)).toBeVisible({ timeout: 30_000 });

    await cell.getByLabel('Load CIFAR-10').setInputFiles(archive);
    const bar = cell.getByRole('progressbar', { name: 'Loading dropout-lab-e2e-cifar-10-binary.tar.gz' });
    await expect(bar).toBeVisible();
    await expect(
      cell.getByText(/Loading dropout-lab-e2e-cifar-10-binary.tar.gz: [\d.]+ MB of 18\d\.\d MB/),
    ).toBeVisible();
    await cell.getByRole('button', { name: 'Cancel' }).click();
    await expect(bar).toHaveCount(0);
    await expect(
      cell.getByText(/Loading was cancelled; CIFAR-10 \(data_batch_1.bin, test_batch.bin\) stays active./),
    ).toBeVisible();
    await expect(cell.getByText(previous)).toBeVisible();
    // No error from the cancel (the only alert is the field's: 500 training examples are more than the 200 loaded).
    await expect(cell.getByRole('alert')).toHaveText([
      'Training examples (500) must be at most 200 with the CIFAR-10 files loaded: Train refuses it until it is changed.',
    ]);
    // The reading worker is gone for good: nothing replaces the dataset later.
    await page.waitForTimeout(3000);
    await expect(cell.getByText(previous)).toBeVisible();
  });
});
