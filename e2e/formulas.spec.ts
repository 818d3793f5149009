import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const region = (page: Page, name: string) => page.getByRole('region', { name });

/** The TeX sources of a cell's formulas, read from their MathML (KaTeX keeps the source as an annotation). */
async function texOf(page: Page, cell: string): Promise<string[]> {
  const formulas = region(page, cell).getByRole('group', { name: 'Formulas' });
  // The typeset formulas are a chunk of their own, arriving after the cells' text.
  await expect(formulas.locator('math').first()).toBeAttached();
  return formulas.locator('math annotation[encoding="application/x-tex"]').allTextContents();
}

test('the check and experiment cells show their formulas as MathML, typeset with fonts from the app itself', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto('/');
  const forward = await texOf(page, 'Dropout forward pass');
  expect(forward.join('\n')).toContain(String.raw`\mathrm{mask}_i \sim \mathrm{Bernoulli}(p)`);
  expect(forward.join('\n')).toContain(String.raw`\mathcal{N}`);
  expect(await texOf(page, 'Dropout backward pass')).toContain(
    String.raw`\mathrm{dx} = \frac{\mathrm{dout} \odot \mathrm{mask}}{p}`,
  );
  expect((await texOf(page, 'Fully-connected net with dropout')).join('\n')).toContain('rel\\_error');
  expect((await texOf(page, 'Regularization experiment')).join('\n')).toContain(String.raw`\beta_1`);
  expect((await texOf(page, 'Sweep')).join('\n')).toContain(String.raw`\mathrm{round}`);
  expect((await texOf(page, 'Test time: one pass or an ensemble of thinned nets')).join('\n')).toContain(
    String.raw`\mathrm{softmax}`,
  );

  // Screen readers get the MathML; KaTeX's visual copy is hidden from them.
  const forwardMath = region(page, 'Dropout forward pass').locator('.formula-math').first();
  await expect(forwardMath.locator('math')).toHaveCount(1);
  await expect(forwardMath.locator('.katex-html')).toHaveAttribute('aria-hidden', 'true');
  // The typeset copy is drawn in KaTeX's own fonts, served by the app.
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  await page.evaluate(() => document.fonts.ready);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => /KaTeX_/.test(url)).length).toBeGreaterThan(0);
  expect(
    requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')),
  ).toEqual([]);
});

test('the formulas pass axe-core in both themes, and in Chinese they keep their symbols under Chinese sentences', async ({
  page,
}) => {
  await page.goto('/');
  for (const theme of ['light', 'dark'] as const) {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const result = await new AxeBuilder({ page }).include('.formulas').analyze();
    expect(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
      theme,
    ).toEqual([]);
  }
  await page.goto('/?lang=zh-CN');
  const forward = page.getByRole('region', { name: 'Dropout 前向传播' }).getByRole('group', { name: '公式' });
  await expect(forward.getByText('测试时：恒等映射，不丢弃也不缩放。')).toBeVisible();
  await expect(forward.locator('math')).toHaveCount(6);
});
