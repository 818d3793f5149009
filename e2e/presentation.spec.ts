import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test.describe('presentation view', () => {
  test('the chosen cells one per screen, the arrow keys move, larger type and thicker chart lines', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/?present=1&cells=forward,experiment&epochs=2&train=200');
    const nav = page.getByRole('navigation', { name: 'Presentation' });
    await expect(nav).toContainText('Cell 1 of 2');
    await expect(page.getByRole('region')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Dropout forward pass' })).toBeVisible();
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(22);

    await page.keyboard.press('ArrowRight');
    await expect(nav).toContainText('Cell 2 of 2');
    const experiment = page.getByRole('region', { name: 'Regularization experiment' });
    await expect(experiment).toBeVisible();
    await expect(page.getByRole('region', { name: 'Dropout forward pass' })).toHaveCount(0);
    // Past the last cell nothing moves; inside a control the arrows are the control's.
    await page.keyboard.press('ArrowRight');
    await expect(nav).toContainText('Cell 2 of 2');
    const keepProb = experiment.getByRole('slider', { name: 'Keep probability' });
    await keepProb.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(keepProb).toHaveValue('0.2');
    await expect(nav).toContainText('Cell 2 of 2');

    await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
    await experiment.getByRole('button', { name: 'Train' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 90_000 });
    const line = experiment.locator('.recharts-line-curve').first();
    await expect(line).toBeVisible();
    expect(await line.evaluate((path) => getComputedStyle(path).strokeWidth)).toBe('4px');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowLeft');
    await expect(nav).toContainText('Cell 1 of 2');
    await nav.getByRole('button', { name: 'Next cell' }).click();
    await expect(nav).toContainText('Cell 2 of 2');
  });

  test('in Chinese and in both themes, axe-core finds nothing', async ({ page }) => {
    await page.goto('/?present=1&cells=forward,backward&lang=zh-CN');
    const nav = page.getByRole('navigation', { name: '演示' });
    await expect(nav).toContainText('第 1 个单元，共 2 个');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('region', { name: 'Dropout 反向传播' })).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.getByRole('combobox', { name: '配色' }).selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('math').first()).toBeAttached();
      const result = await new AxeBuilder({ page }).analyze();
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
        theme,
      ).toEqual([]);
    }
  });
});
