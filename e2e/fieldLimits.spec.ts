import { expect, test, type Page } from '@playwright/test';

const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });

test.describe('fields check the active dataset as they are typed (issue 27, point 7)', () => {
  test('5,000 training examples on the 1,000-image sample: a message at the field at once, and the data description does not claim them', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    const cell = experiment(page);
    await expect(cell.getByText(/Active dataset: CIFAR-10 sample/)).toBeVisible({ timeout: 30_000 });
    const field = cell.getByRole('spinbutton', { name: 'Training examples' });
    await field.fill('5000');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(
      'Training examples (5,000) must be at most 1,000 with CIFAR-10 sample (built-in): Train refuses it until it is changed.',
    );
    const description = cell.locator('p').filter({ hasText: /Data: the CIFAR-10 sample built into the app/ });
    await expect(description).toContainText('it has only 1,000 training images, fewer than the 5,000 asked for below');
    await expect(description).not.toContainText('5,000 of its 1,000');
    await testInfo.attach('the field and the description with 5,000 training examples', {
      body: await cell.locator('.settings').screenshot(),
      contentType: 'image/png',
    });
    // Train refuses it with the same words.
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(
      cell
        .getByRole('alert')
        .filter({ hasText: /^Training examples \(5,000\) must be at most 1,000/ })
        .first(),
    ).toBeVisible();
    await field.fill('800');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await expect(description).toContainText('using 800 of its 1,000 training images');

    // The batch, between fields, as it is typed.
    await field.fill('50');
    await expect(cell.getByRole('spinbutton', { name: 'Batch size' })).toHaveAccessibleDescription(
      'Batch size (100) must not be larger than the training set (50): Train refuses it until it is changed.',
    );
  });

  test('the expectation quotes p as it stands, in both languages', async ({ page }) => {
    await page.goto('/');
    const cell = experiment(page);
    const description = cell.locator('p').filter({ hasText: /Data: the CIFAR-10 sample built into the app/ });
    await expect(description).toContainText('with dropout (p = 0.25 as set below; the assignment uses 0.25)');
    await cell.getByRole('slider', { name: 'Keep probability' }).fill('0.5');
    await expect(description).toContainText('with dropout (p = 0.5 as set below');
    await expect(description).not.toContainText('with p = 0.25 training');
    await page.getByLabel('Language · 语言').selectOption('zh-CN');
    await expect(
      page
        .getByRole('region', { name: '正则化实验' })
        .locator('p')
        .filter({ hasText: /数据：应用内置的 CIFAR-10 样本/ }),
    ).toContainText('下面设置的 p = 0.5');
  });
});
