import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** axe-core's violations on the whole page, one line each (rule, impact, where). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The violations in the light theme, then in the dark one (the switch goes back to the system's, light here). */
async function violationsInBothThemes(page: Page, themeLabel = 'Theme'): Promise<{ light: string[]; dark: string[] }> {
  const theme = page.getByRole('combobox', { name: themeLabel });
  const light = await violations(page);
  await theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await violations(page);
  await theme.selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  return { light, dark };
}
const none = { light: [], dark: [] };

test.describe('accessibility, checked by axe-core', () => {
  test('no violations before and after the checks and a run, with a sweep done, at 1,500 and 390 px, in the light and the dark theme, in English and Chinese', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1500, height: 900 });
    await page.goto('/?epochs=1&train=200');
    const experiment = page.getByRole('region', { name: 'Regularization experiment' });
    await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
    expect(await violationsInBothThemes(page), 'on first open').toEqual(none);

    // Run all: the three checks, then the experiment; then the "Why it works" figures.
    await page.getByRole('navigation', { name: 'Contents' }).getByRole('button', { name: 'Run all' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 120_000 });
    await expect(
      page
        .getByRole('region', { name: 'Test time: one pass or an ensemble of thinned nets' })
        .getByRole('table', { name: /masks averaged data$/ }),
    ).toBeAttached({ timeout: 30_000 });
    expect(await violationsInBothThemes(page), 'after the checks and a run').toEqual(none);

    const sweep = page.getByRole('region', { name: 'Sweep' });
    await sweep.getByRole('textbox', { name: 'Keep probabilities' }).fill('0.5, 1');
    await sweep.getByRole('textbox', { name: 'Hidden sizes' }).fill('20');
    await sweep.getByRole('button', { name: 'Run sweep (2 runs)' }).click();
    await expect(sweep.getByRole('status')).toContainText('Done', { timeout: 60_000 });
    expect(await violationsInBothThemes(page), 'with the sweep done').toEqual(none);

    // A phone's width.
    await page.setViewportSize({ width: 390, height: 800 });
    // The checks' and results' tables become stacked cards there, so they fit without scrolling sideways.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const output = document.querySelector('#cell-net .cell-output')!;
          return (
            getComputedStyle(output.querySelector('table tbody tr')!).display === 'block' &&
            output.scrollWidth <= output.clientWidth
          );
        }),
      )
      .toBe(true);
    expect(await violationsInBothThemes(page), 'at 390 px').toEqual(none);

    // In Chinese: every name, label and text the rules read is another string.
    await page.getByRole('combobox', { name: 'Language · 语言' }).selectOption('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect(await violationsInBothThemes(page, '配色'), 'in Chinese at 390 px').toEqual(none);
    await page.setViewportSize({ width: 1500, height: 900 });
    expect(await violationsInBothThemes(page, '配色'), 'in Chinese at 1,500 px').toEqual(none);
  });
});
