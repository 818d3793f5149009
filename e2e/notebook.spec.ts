import { expect, test, type Page } from '@playwright/test';

const region = (page: Page, name: string) => page.getByRole('region', { name });

test.describe('notebook conventions', () => {
  test('the table of contents links every cell; Run all runs the checks in order, then the experiment', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1500, height: 900 });
    await page.goto('/?epochs=2&train=200');
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await expect(contents.getByRole('link')).toHaveText([
      '[1] Dropout forward pass',
      '[2] Dropout backward pass',
      '[3] Fully-connected net with dropout',
      '[4] Regularization experiment',
      'Runs',
      '[5] Sweep',
      '[6] What the units learn',
      '[7] Sparser activations',
      '[8] Test time: one pass or an ensemble of thinned nets',
    ]);
    await contents.getByRole('link', { name: /Sweep/ }).click();
    await expect(page).toHaveURL(/#cell-sweep$/);
    await expect(region(page, 'Sweep').getByRole('heading', { name: 'Sweep', exact: true })).toBeInViewport();

    await expect(region(page, 'Regularization experiment').getByText(/Active dataset/)).toBeVisible({
      timeout: 30_000,
    });
    await contents.getByRole('button', { name: 'Run all' }).click();
    for (const cell of ['Dropout forward pass', 'Dropout backward pass', 'Fully-connected net with dropout']) {
      await expect(region(page, cell).getByText(/^ran in/)).toBeVisible({ timeout: 60_000 });
    }
    await expect(region(page, 'Regularization experiment').getByRole('status')).toContainText('Done', {
      timeout: 120_000,
    });
  });

  test('on a narrow screen the contents are a menu; Shift+Enter runs the cell that has the focus', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/');
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await expect(contents.getByRole('link').first()).toBeHidden();
    await contents.getByText('Contents').click();
    await expect(contents.getByRole('link', { name: /Dropout backward pass/ })).toBeVisible();
    const backward = region(page, 'Dropout backward pass');
    await backward.getByRole('button', { name: 'Run' }).focus();
    await page.keyboard.press('Shift+Enter');
    await expect(backward.getByText(/^ran in/)).toBeVisible({ timeout: 60_000 });
    // Inside the experiment's fields, Shift+Enter trains.
    await expect(region(page, 'Regularization experiment').getByText(/Active dataset/)).toBeVisible({
      timeout: 30_000,
    });
    await region(page, 'Regularization experiment').getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    await region(page, 'Regularization experiment').getByRole('spinbutton', { name: 'Epochs' }).press('Shift+Enter');
    await expect(region(page, 'Regularization experiment').getByRole('status')).toContainText('Done', {
      timeout: 60_000,
    });
  });
});

test('at 1,400 px the gradient-check and Runs tables fit their cards; at 360 and 768 px the page never scrolls sideways', async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (const width of [1400, 768, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/?epochs=1&train=200');
    const net = region(page, 'Fully-connected net with dropout');
    await net.getByRole('button', { name: 'Run' }).click();
    await expect(net.getByText(/ran in/)).toBeVisible({ timeout: 60_000 });
    const experiment = region(page, 'Regularization experiment');
    await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
    await experiment.getByRole('button', { name: 'Train' }).click();
    await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Saved runs' })).toBeVisible();
    const layout = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      clipped: Array.from(document.querySelectorAll('#cell-net .cell-output, #cell-runs .cell-output'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.closest('section')!.id),
    }));
    expect(layout.document, `document width at ${width} px`).toBe(width);
    if (width === 1400) expect(layout.clipped).toEqual([]);
  }
});
