import { expect, test, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });

async function shortRun(page: Page, path = '/?epochs=2&train=200') {
  await page.goto(path);
  const cell = experiment(page);
  await expect(cell.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
  await cell.getByRole('button', { name: 'Train' }).click();
  await expect(cell.getByRole('status')).toContainText('Done', { timeout: 90_000 });
}

test.describe('reachable and aimable on every screen (issue 27, point 9)', () => {
  test("below the sidebar's width the contents and Run all stay at the top of the window wherever the page is scrolled", async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto('/');
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await page.getByRole('region', { name: 'Runs' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
    const bar = await contents.boundingBox();
    expect(bar!.y).toBeGreaterThanOrEqual(-1);
    expect(bar!.y).toBeLessThan(5);
    await expect(contents.getByRole('button', { name: 'Run all' })).toBeInViewport();
    await testInfo.attach('the contents bar at the bottom of the page', {
      body: await page.screenshot(),
      contentType: 'image/png',
    });
    // The menu opens from there; a link goes to its cell and closes the menu, the cell's heading not under the bar.
    await contents.getByText('Contents').click();
    await contents.getByRole('link', { name: /Sweep/ }).click();
    await expect(contents.getByRole('link', { name: /Sweep/ })).toBeHidden();
    const heading = page.getByRole('region', { name: 'Sweep' }).getByRole('heading').first();
    await expect(heading).toBeInViewport();
    const [barBox, headingBox] = [await contents.boundingBox(), await heading.boundingBox()];
    expect(headingBox!.y).toBeGreaterThanOrEqual(barBox!.y + barBox!.height - 1);
  });

  test('on a phone (390 x 844, touch): no keyboard hint, a slider of at least 200 px, a mask grid whose rows a finger can aim at, a scale on the histogram', async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      locale: 'en-US',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    await shortRun(page);
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await contents.getByText('Contents').click();
    await expect(contents.getByRole('link').first()).toBeVisible();
    await expect(contents.getByText(/Shift\+Enter/)).toBeHidden();
    await contents.getByText('Contents').click();
    await expect(contents.getByRole('link').first()).toBeHidden();

    const slider = experiment(page).getByRole('slider', { name: 'Keep probability' });
    expect((await slider.boundingBox())!.width).toBeGreaterThanOrEqual(200);

    const mask = page.getByRole('region', { name: 'Dropout mask' });
    await expect(mask.getByText(/Click a row to see that example/)).toBeVisible();
    await expect(mask.getByText(/arrow keys/)).toBeHidden();
    const grid = mask.getByRole('slider', { name: /^Mask of iteration/ });
    const box = (await grid.boundingBox())!;
    const rows = Number(await grid.getAttribute('aria-valuemax'));
    expect(box.height / rows, 'px per example row').toBeGreaterThanOrEqual(5);
    // A tap in the middle of the 21st row picks example 21.
    await grid.tap({ position: { x: box.width / 2, y: (20.5 / rows) * box.height } });
    await expect(grid).toHaveAttribute('aria-valuenow', '21');
    await testInfo.attach('mask grid on a phone', { body: await mask.screenshot(), contentType: 'image/png' });

    const histogram = mask.getByRole('figure', { name: 'How often each unit was kept' });
    const scale = histogram.locator('.histogram-y');
    await expect(scale).toBeVisible();
    const [top, , bottom] = await scale.locator('span').allInnerTexts();
    expect(Number(top.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(bottom).toBe('0');
    await expect(histogram.getByRole('img')).toHaveAccessibleName(
      `Histogram of per-unit kept fractions (the tallest bar: ${top} units)`,
    );
    await context.close();
  });

  test('chart legends in Chinese carry no English "legend icon" labels', async ({ page }) => {
    await shortRun(page);
    await page.getByLabel('Language · 语言').selectOption('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('figure.chart .recharts-legend-item').first()).toBeVisible();
    expect(await page.locator('[aria-label*="legend icon"]').count()).toBe(0);
    for (const icon of await page.locator('figure.chart .recharts-legend-item svg').all())
      await expect(icon).toHaveAttribute('aria-hidden', 'true');
  });

  test("the sweep's default keep probabilities show whole in their box, at 1,400 px and on a phone", async ({
    page,
  }) => {
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      const field = page.getByRole('region', { name: 'Sweep' }).getByRole('textbox', { name: 'Keep probabilities' });
      await expect(field).toHaveValue('0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1');
      const cut = await field.evaluate(
        (e: HTMLTextAreaElement) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
      );
      expect(cut, `cut at ${width} px`).toBe(false);
    }
  });
});
