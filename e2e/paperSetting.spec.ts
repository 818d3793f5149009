import { expect, test, type Locator, type Page } from '@playwright/test';

const cell = (page: Page, name: string) => page.getByRole('region', { name });
const paper = (page: Page) => page.getByRole('region', { name: 'The paper’s setting' });

/** The sparsity cell's statistics table as rows of text. */
async function statsRows(sparsity: Locator): Promise<string[][]> {
  return sparsity
    .getByRole('table', { name: 'Activation statistics' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent ?? '')));
}

const share = (text: string) => Number(text.replace('%', '')) / 100;

test.describe("why it works in the paper's setting: its MNIST autoencoder", () => {
  test('one click trains the pair; sparser activations with dropout, digit-like tiles, reconstructions, and readings that say so', async ({
    page,
  }, testInfo) => {
    test.setTimeout(300_000);
    await page.goto('/');
    const section = paper(page);
    await expect(
      cell(page, 'Sparser activations').getByText('Train the experiment in cell 4 to see these figures.'),
    ).toBeVisible();
    await section.getByRole('button', { name: 'Train the paper’s setting' }).click();
    const clicked = Date.now();
    // The figures now come from the paper's autoencoder (and the link says so).
    await expect(section.getByRole('radio', { name: 'The paper’s setting: an MNIST autoencoder' })).toBeChecked();
    await expect(page).toHaveURL(/[?&]model=autoencoder/);
    await expect(section.getByRole('status')).toContainText('Training: p = 1 (no dropout): epoch');
    await expect(section.getByRole('button', { name: 'Stop' })).toBeVisible();

    const sparsity = cell(page, 'Sparser activations');
    await expect(sparsity.locator('.reading')).toBeVisible({ timeout: 240_000 });
    const seconds = (Date.now() - clicked) / 1000;
    testInfo.annotations.push({ type: 'click to figures', description: `${seconds.toFixed(1)} s` });
    await expect(section.getByRole('status')).toContainText(
      'Done: p = 1 (no dropout): epoch 20 / 20; p = 0.5: epoch 20 / 20',
    );

    // Sparser activations: the paper's effect, plainly (reference: 2.53 / 0.52 and 5% / 51% near zero at 20 epochs).
    const [[baseLabel, baseMean, , baseZeros], [dropLabel, dropMean, , dropZeros]] = await statsRows(sparsity);
    expect([baseLabel, dropLabel]).toEqual(['p = 1 (no dropout)', 'p = 0.5']);
    expect(Number(baseMean)).toBeGreaterThan(2 * Number(dropMean));
    expect(share(dropZeros) - share(baseZeros)).toBeGreaterThan(0.2);
    await expect(sparsity.locator('.reading')).toContainText('p = 0.5: 0.5');
    await expect(sparsity.locator('.reading')).toContainText('sparser activations, as the paper finds');

    // What the units learn: 28 x 28 grey tiles of both nets, and what to look for, in words.
    const features = cell(page, 'What the units learn');
    for (const label of ['p = 1 (no dropout)', 'p = 0.5']) {
      await expect(
        features.getByRole('img', {
          name: `First-layer weights of ${label}: 64 of 256 units, Largest weights first; Parameters at the end of the run`,
        }),
      ).toBeVisible();
    }
    await expect(features.locator('.reading')).toContainText('What to look for: with dropout (p = 0.5)');
    await expect(features.getByText(/Roughness/)).toHaveCount(0);
    await testInfo.attach('tiles', {
      body: await features.locator('.feature-grids').screenshot(),
      contentType: 'image/png',
    });

    // Both autoencoders do their job: validation digits and their reconstructions, with the error of each.
    const digits = section.getByRole('group', { name: 'Validation digits' }).getByRole('img');
    await expect(digits).toHaveCount(8);
    await expect(section.getByRole('group', { name: 'Reconstructed by p = 0.5' }).getByRole('img')).toHaveCount(8);
    const error = await section.locator('.reconstructions .reading').textContent();
    const [base, drop] = [...error!.matchAll(/ (0\.\d{4})/g)].map((m) => Number(m[1]));
    expect(base).toBeLessThan(0.02);
    expect(drop).toBeLessThan(0.03);
    await testInfo.attach('reconstructions', {
      body: await section.locator('.reconstructions').screenshot(),
      contentType: 'image/png',
    });

    // The test-time cell keeps the experiment's classifier.
    await expect(
      cell(page, 'Test time: one pass or an ensemble of thinned nets').getByText(
        'Train the experiment in cell 4 to see these figures.',
      ),
    ).toBeVisible();

    // Kept like any run, and its own name.
    await expect(
      page
        .getByRole('region', { name: 'Runs' })
        .getByText('Paper’s autoencoder · p = 0.5 vs 1 · 20 epochs · seed 231 · MNIST'),
    ).toBeVisible();

    // The other choice shows the experiment's (none yet); back again, the autoencoder's figures are still there.
    await section.getByRole('radio', { name: 'The experiment’s run (cell 4): the assignment’s classifier' }).check();
    await expect(sparsity.getByText('Train the experiment in cell 4 to see these figures.')).toBeVisible();
    await section.getByRole('radio', { name: 'The paper’s setting: an MNIST autoencoder' }).check();

    // Every share on the histograms' y-axes is whole, none cut at the figure's left edge (at 1,400 px "10.5%" read "l0.5%").
    await page.setViewportSize({ width: 1400, height: 900 });
    // Recharts draws tick labels in layers of their own, beside the axes.
    await expect
      .poll(() => sparsity.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').count())
      .toBeGreaterThan(8);
    const cut = await sparsity
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .evaluateAll((labels) =>
        labels
          .filter(
            (label) =>
              (label as SVGGraphicsElement).getBBox().x < 0 ||
              label.getBoundingClientRect().left < label.closest('svg')!.getBoundingClientRect().left,
          )
          .map((label) => label.textContent),
      );
    expect(cut).toEqual([]);
    // Nor does an x-axis' last tick crowd the one before ("6 6.7"): it is at least half a step from it.
    const crowded = await sparsity.locator('.recharts-xAxis-tick-labels').evaluateAll((axes) =>
      axes.flatMap((axis) => {
        const ticks = Array.from(axis.querySelectorAll('.recharts-cartesian-axis-tick-value'), (l) => {
          const box = l.getBoundingClientRect();
          return { text: l.textContent, centre: box.left + box.width / 2 };
        }).sort((a, b) => a.centre - b.centre);
        const steps = ticks.slice(1).map((t, i) => t.centre - ticks[i].centre);
        if (steps.length < 2) return [];
        return steps.at(-1)! < Math.max(...steps.slice(0, -1)) / 2
          ? [
              ticks
                .slice(-2)
                .map((t) => t.text)
                .join(' '),
            ]
          : [];
      }),
    );
    expect(crowded).toEqual([]);

    // In Chinese, the same figures read in Chinese.
    await page.getByRole('combobox', { name: 'Language · 语言' }).selectOption('zh-CN');
    await expect(cell(page, '更稀疏的激活').locator('.reading')).toContainText('激活更稀疏，与论文的发现一致');
    await expect(cell(page, '单元学到了什么').locator('.reading')).toContainText('要看的是');
  });
});
