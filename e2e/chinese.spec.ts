import { expect, test } from '@playwright/test';

/** The notebook in Simplified Chinese, opened by link and chosen with the switch. */
test.describe('中文界面', () => {
  test('?lang=zh-CN opens the notebook in Chinese: headings, the checks and a short run', async ({ page }) => {
    await page.goto('/?lang=zh-CN&dataset=mnist&epochs=2');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page).toHaveTitle('Dropout 实验室');
    for (const heading of ['Dropout 前向传播', 'Dropout 反向传播', '带 Dropout 的全连接网络', '正则化实验']) {
      await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
    }
    const forward = page.getByRole('region', { name: 'Dropout 前向传播' });
    await forward.getByRole('button', { name: '运行' }).click();
    const table = forward.getByRole('table', { name: 'Dropout 前向传播结果' });
    await expect(table.getByRole('columnheader', { name: '训练时均值' })).toBeVisible();
    await expect(forward.getByText(/训练时和测试时的均值一致/)).toBeVisible();

    const experiment = page.getByRole('region', { name: '正则化实验' });
    await expect(experiment.getByRole('slider', { name: '保留概率' })).toHaveValue('0.25');
    await expect(experiment.getByText(/当前数据集：MNIST（内置）：10,000 张训练图像/)).toBeVisible({ timeout: 30_000 });
    await experiment.getByRole('button', { name: '训练' }).click();
    await expect(experiment.getByRole('status')).toContainText('完成', { timeout: 60_000 });
    await expect(experiment.getByRole('status')).toContainText('轮次 2 / 2');
    const results = experiment.getByRole('table', { name: '结果' });
    await expect(results.getByRole('row', { name: /^p = 1（不用 Dropout）/ }).getByRole('cell').first()).toHaveText('已完成');
    await expect(results.getByRole('row', { name: /^p = 0.25/ }).getByRole('cell').first()).toHaveText('已完成');
    await expect(experiment.getByRole('figure', { name: '验证准确率' }).getByRole('listitem').filter({ hasText: 'p = 1（不用 Dropout）' })).toBeVisible();
  });

  test('the switch changes the language and nothing else; the choice is in the link and remembered', async ({ page }) => {
    await page.goto('/?epochs=3&p=0.5');
    const experiment = page.getByRole('region', { name: 'Regularization experiment' });
    await expect(experiment.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('3');
    await page.getByLabel('Language · 语言').selectOption('zh-CN');
    const zh = page.getByRole('region', { name: '正则化实验' });
    await expect(zh.getByRole('spinbutton', { name: '轮次（epoch）' })).toHaveValue('3');
    await expect(zh.getByRole('slider', { name: '保留概率' })).toHaveValue('0.5');
    await expect(page).toHaveURL(/lang=zh-CN/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    // A fresh page without the key in its link remembers the choice.
    await page.goto('/');
    await expect(page.getByRole('heading', { name: '正则化实验' })).toBeVisible();
    await page.getByLabel('Language · 语言').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Regularization experiment' })).toBeVisible();
    await expect(page).toHaveTitle('Dropout Lab');
  });
});
