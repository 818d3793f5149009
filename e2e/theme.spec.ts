import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });
const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' });

/** The page's background as [r, g, b]. */
const background = (page: Page) =>
  page.evaluate(() =>
    getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number),
  );
const isDark = ([r, g, b]: number[]) => r + g + b < 3 * 60;

/** Colours of the pixels of an image (a PNG's bytes, or a canvas on the page) as "r,g,b" with their counts. */
async function pngColours(page: Page, bytes: Buffer): Promise<Record<string, number>> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts: Record<string, number> = {};
    for (let i = 0; i < px.length; i += 4)
      counts[`${px[i]},${px[i + 1]},${px[i + 2]}`] = (counts[`${px[i]},${px[i + 1]},${px[i + 2]}`] ?? 0) + 1;
    return counts;
  }, bytes.toString('base64'));
}

const maskColours = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.mask-grid')!;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<string>();
    for (let i = 0; i < px.length; i += 4) colours.add(`${px[i]},${px[i + 1]},${px[i + 2]}`);
    return [...colours].sort();
  });

test.describe('colour themes', () => {
  test.use({ colorScheme: 'dark' });

  test('follows a dark system, a choice of light or dark overrides it and is remembered across a reload', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(isDark(await background(page))).toBe(true);
    await expect(themeSelect(page).locator('option:checked')).toHaveText('System (dark)');

    await themeSelect(page).selectOption({ label: 'Light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(isDark(await background(page))).toBe(false);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(themeSelect(page)).toHaveValue('light');

    await themeSelect(page).selectOption('system');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(themeSelect(page).locator('option:checked')).toHaveText('System (light)');
  });

  test('in dark, the canvases draw in the dark palette and redraw in light; the PNG export stays light on white', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/?epochs=1&train=200');
    const cell = experiment(page);
    await expect(cell.getByRole('group', { name: 'Example images' })).toBeVisible({ timeout: 30_000 });
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });

    // The mask grid: kept and dropped units in the theme's two colours, redrawn when the theme changes.
    await expect(page.locator('canvas.mask-grid')).toBeVisible();
    expect(await maskColours(page)).toEqual(['232,239,230', '43,74,115']);
    await themeSelect(page).selectOption('light');
    await expect.poll(() => maskColours(page)).toEqual(['241,250,238', '29,53,87']);
    await themeSelect(page).selectOption('dark');
    await expect.poll(() => maskColours(page)).toEqual(['232,239,230', '43,74,115']);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      cell.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const colours = await pngColours(page, await readFile(await file.path()));
    const most = Object.entries(colours).sort((a, b) => b[1] - a[1])[0][0];
    expect(most, 'the background').toBe('255,255,255');
    // The lines in the light palette (p = 1 #457b9d, p = 0.25 #e63946), none in the dark one (#7fb8dc, #ff7a83).
    expect(colours['69,123,157'] ?? 0).toBeGreaterThan(50);
    expect(colours['230,57,70'] ?? 0).toBeGreaterThan(50);
    expect(colours['127,184,220'] ?? 0).toBe(0);
    expect(colours['255,122,131'] ?? 0).toBe(0);
  });
});
