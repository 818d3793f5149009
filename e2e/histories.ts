import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** A configuration's histories as a run's JSON export carries them. */
export interface History {
  configId: string;
  lossHistory: number[];
  checks: { iteration: number; epoch: number; trainAcc: number; valAcc: number }[];
}

/** Trains the experiment of `link` (a path with its query) to Done and reads its histories from Export JSON. */
export async function browserHistories(page: Page, link: string): Promise<History[]> {
  await page.goto(link);
  const cell = page.getByRole('region', { name: 'Regularization experiment' });
  await expect(cell.getByRole('group', { name: 'Example images' })).toBeVisible();
  await cell.getByRole('button', { name: 'Train' }).click();
  await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });
  const exports = cell.getByRole('group', { name: 'Export this run' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exports.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  return file.runs[0].configs.map(({ configId, lossHistory, checks }: History) => ({ configId, lossHistory, checks }));
}
