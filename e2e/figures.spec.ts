import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Issue 27, points 1, 2, 4 and 8: figures a student can trust. */
const experiment = (page: Page) => page.getByRole('region', { name: 'Regularization experiment' });
const runsPanel = (page: Page) => page.getByRole('region', { name: 'Runs' });
const status = (page: Page) => experiment(page).getByRole('status');

async function open(page: Page, query: string) {
  await page.goto(`/${query}`);
  await expect(experiment(page).getByRole('group', { name: 'Example images' })).toBeVisible({ timeout: 30_000 });
}

async function train(page: Page) {
  await experiment(page).getByRole('button', { name: 'Train' }).click();
  await expect(status(page)).toContainText('Done', { timeout: 110_000 });
}

/** A chart's y-axis tick labels, as numbers. */
const yTicks = (figure: ReturnType<Page['getByRole']>) =>
  figure
    .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
    .allTextContents()
    .then((texts) => texts.map(Number));

const evenSteps = (ticks: number[]) => new Set(ticks.slice(1).map((t, i) => (t - ticks[i]).toFixed(4))).size === 1;

/** A chart's screen-reader table: one array per row (the x value, then one cell per line). */
async function dataRows(page: Page, chart: string) {
  return experiment(page)
    .getByRole('table', { name: `${chart} data` })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent ?? '')));
}

/** The legend of a chart: each line's name and the colour of its icon. */
const legendColours = (page: Page, chart: string) =>
  experiment(page)
    .getByRole('figure', { name: chart })
    .locator('.recharts-legend-item')
    .evaluateAll((items) =>
      Object.fromEntries(
        items.map((i) => [i.textContent?.trim() ?? '', i.querySelector('path, line')?.getAttribute('stroke') ?? '']),
      ),
    );

const attach = async (testInfo: TestInfo, name: string, body: Buffer) =>
  testInfo.attach(name, { body, contentType: 'image/png' });

test.describe('figures a student can trust', () => {
  test('accuracy axes fit the data with even ticks, and a box shows the full 0–1 range (experiment and Runs comparison)', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    await open(page, '?epochs=3&train=300');
    await train(page);
    const cell = experiment(page);
    const val = cell.getByRole('figure', { name: 'Validation accuracy', exact: true });
    await expect.poll(async () => (await yTicks(val))[0]).toBeGreaterThan(0);
    const ticks = await yTicks(val);
    expect(ticks.at(-1)).toBeLessThan(1);
    expect(ticks.at(-1)! - ticks[0], 'a fitted range, not 0-1').toBeLessThanOrEqual(0.5);
    expect(evenSteps(ticks)).toBe(true);
    const gap = await yTicks(cell.getByRole('figure', { name: 'Train − val gap' }));
    expect(gap).toContain(0);
    expect(evenSteps(gap)).toBe(true);
    await expect(cell.getByText(/accuracy axes are fitted to the figures/)).toBeVisible();
    await attach(testInfo, 'fitted-axes', await cell.locator('.charts').screenshot());

    await cell.getByRole('checkbox', { name: 'Show the full 0–1 range' }).check();
    await expect.poll(() => yTicks(val)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    await expect(cell.getByText('The accuracy axes show the full range from 0 to 1.')).toBeVisible();
    await attach(testInfo, 'full-range', await cell.locator('.charts').screenshot());

    // A second run (another seed), then both compared in Runs: the overlay's axis is fitted too.
    await cell.getByRole('spinbutton', { name: 'Seed' }).fill('7');
    await train(page);
    const runs = runsPanel(page);
    await runs
      .getByRole('checkbox', { name: /^Compare / })
      .nth(0)
      .check();
    await runs
      .getByRole('checkbox', { name: /^Compare / })
      .nth(1)
      .check();
    const overlay = runs.getByRole('figure', { name: 'Validation accuracy of the compared runs' });
    await expect(overlay).toBeVisible();
    await expect.poll(async () => (await yTicks(overlay))[0]).toBeGreaterThan(0);
    expect(evenSteps(await yTicks(overlay))).toBe(true);
    await attach(testInfo, 'runs-comparison-fitted', await overlay.screenshot());
    await runs.getByRole('checkbox', { name: 'Show the full 0–1 range' }).check();
    await expect.poll(() => yTicks(overlay)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  test('while training, every chart, the status, the Results table and the mask panel show the same moment', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    await open(page, '?epochs=80&train=500');
    const cell = experiment(page);
    await cell.getByRole('button', { name: 'Train' }).click();
    await expect(status(page)).toContainText(/Epoch ([3-9]|\d\d) \//, { timeout: 90_000 });
    const results = cell.getByRole('table', { name: 'Results' });
    await expect(results.getByRole('columnheader', { name: 'Latest train acc' })).toBeVisible();
    await expect(results.getByRole('columnheader', { name: 'Final train acc' })).toHaveCount(0);

    await cell.getByRole('button', { name: 'Pause' }).click();
    await expect(status(page)).toContainText('Paused');
    // Once the last figures before the pause are drawn, nothing moves: read everything then.
    let previous = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify([
            await status(page).textContent(),
            await dataRows(page, 'Train accuracy'),
            await dataRows(page, 'Loss'),
          ]);
          const settled = now === previous;
          previous = now;
          return settled;
        },
        { intervals: [1500], timeout: 30_000 },
      )
      .toBe(true);

    const text = (await status(page).textContent())!;
    const statusEpoch = Number(/Epoch (\d+) \//.exec(text)![1]);
    const statusIteration = Number(/iteration (\d+) \//.exec(text)![1]);
    const lastEpochs: number[] = [];
    for (const chart of ['Train accuracy', 'Validation accuracy', 'Train − val gap']) {
      const rows = await dataRows(page, chart);
      // Both nets are drawn to the same epoch: no row has one net's figure without the other's.
      expect(
        rows.every((r) => (r[1] === '') === (r[2] === '')),
        `${chart}: both nets to the same epoch`,
      ).toBe(true);
      lastEpochs.push(Number(rows.filter((r) => r[1] !== '').at(-1)![0]));
    }
    expect(new Set(lastEpochs).size, 'the three accuracy charts stop at the same epoch').toBe(1);
    expect(lastEpochs[0]).toBeLessThanOrEqual(statusEpoch);
    expect(lastEpochs[0]).toBeGreaterThanOrEqual(statusEpoch - 1);
    const lossRows = await dataRows(page, 'Loss');
    expect(
      lossRows.every((r) => (r[1] === '') === (r[2] === '')),
      'the loss lines stop at the same iteration',
    ).toBe(true);
    const lastLoss = lossRows.at(-1)!;
    expect(Number(lastLoss[0])).toBeLessThanOrEqual(statusIteration);
    // The mask panel shows the p = 0.25 net's masks: at the iteration the status gives for it (where it is ahead, the
    // status says so, and so does the panel).
    const maskPanel = cell.getByRole('region', { name: 'Dropout mask' });
    const maskIteration = Number(/Mask of iteration (\d+)/.exec((await maskPanel.textContent())!)![1]);
    const dropoutAhead = /p = 0\.25 ahead at iteration (\d+)/.exec(text);
    const dropoutIteration = dropoutAhead ? Number(dropoutAhead[1]) : statusIteration;
    expect(maskIteration, 'the mask is not from later than the status says').toBeLessThanOrEqual(dropoutIteration);
    expect(maskIteration).toBeGreaterThan(dropoutIteration - 40);
    if (maskIteration > statusIteration)
      await expect(maskPanel).toContainText(`the charts’ solid lines stop at iteration ${statusIteration}`);
    await attach(testInfo, 'paused-same-moment', await cell.screenshot());

    await cell.getByRole('button', { name: 'Stop' }).click();
    await expect(status(page)).toContainText('Stopped');
    await expect(results.getByRole('columnheader', { name: 'Final train acc' })).toBeVisible();
    await expect(results.getByRole('columnheader', { name: 'Latest train acc' })).toHaveCount(0);
  });

  test('no scaling: the activation scale, validation loss and confidence beside accuracy, a reading, and colours that keep their meaning', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    await open(page, '?epochs=3&train=300&scaling=none');
    await train(page);
    const cell = experiment(page);
    const answer = cell.getByRole('region', { name: 'What happens if we do not divide by p?' });
    await expect(answer).toBeVisible();
    const activations = (await answer.getByText(/Hidden units of the no-scaling net/).textContent())!;
    const ratio = Number(/gets ([\d.]+) times what it was trained on \(1\/p = 4\.00\)/.exec(activations)![1]);
    expect(ratio, 'test-time activations about 1/p = 4 times the training ones').toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5);
    const table = answer.getByRole('table', { name: /Validation loss and confidence beside accuracy/ });
    await expect(table.getByRole('row')).toHaveCount(4);
    for (const name of [/^p = 1 /, /^p = 0.25 \(no scaling\)/, /^p = 0.25 \(inverted\)/]) {
      const cells = await table.getByRole('row', { name }).getByRole('cell').allTextContents();
      expect(
        cells.map(Number).every((v) => Number.isFinite(v) && v > 0),
        `${String(name)}: ${cells.join(', ')}`,
      ).toBe(true);
    }
    await expect(answer).toContainText(/validation accuracy hardly moves|the scale alone does not change the ranking/);
    await expect(answer).toContainText('the validation loss is');
    await attach(testInfo, 'no-scaling-answer', await answer.screenshot());
    // axe-core finds nothing in the answer, nor in the charts' axis note, in either theme.
    for (const theme of ['light', 'dark']) {
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
      const result = await new AxeBuilder({ page }).include('.scaling-answer').include('.axis-note').analyze();
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
        theme,
      ).toEqual([]);
    }

    const three = await legendColours(page, 'Validation accuracy');
    expect(new Set(Object.values(three)).size).toBe(3);
    await cell.getByRole('radio', { name: 'Inverted dropout (divide by p)' }).check();
    await train(page);
    await expect(answer).toHaveCount(0);
    await expect.poll(() => legendColours(page, 'Validation accuracy').then((c) => Object.keys(c).length)).toBe(2);
    const two = await legendColours(page, 'Validation accuracy');
    expect(two['p = 0.25'], 'inverted p = 0.25 is the same colour beside one net or two').toBe(
      three['p = 0.25 (inverted)'],
    );
    expect(two['p = 1 (no dropout)']).toBe(three['p = 1 (no dropout)']);
    expect(three['p = 0.25 (no scaling)']).not.toBe(three['p = 0.25 (inverted)']);
  });

  test('Export PNG writes the run’s name, settings, seed and Results table under the charts, on white', async ({
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    await open(page, '?epochs=1&train=200');
    await train(page);
    const cell = experiment(page);
    const chartsBox = (await cell.locator('.charts').boundingBox())!;
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      cell.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const bytes = await readFile(await file.path());
    await attach(testInfo, 'export', bytes);
    const png = await page.evaluate(
      async ({ base64, chartsHeight }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [image.width, image.height];
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(image, 0, 0);
        // Below the charts (at 2 device pixels a CSS pixel, 16 px of margin each side): the caption.
        const top = Math.ceil((chartsHeight + 32) * 2);
        const px = ctx.getImageData(0, top, canvas.width, canvas.height - top).data;
        let ink = 0;
        let white = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (px[i] + px[i + 1] + px[i + 2] < 200) ink++;
          if (px[i] === 255 && px[i + 1] === 255 && px[i + 2] === 255) white++;
        }
        return { height: image.height, captionPixels: px.length / 4, ink, white };
      },
      { base64: bytes.toString('base64'), chartsHeight: chartsBox.height },
    );
    expect(png.height / 2, 'room for the caption under the charts').toBeGreaterThan(chartsBox.height + 32 + 120);
    expect(png.ink, 'text in the caption').toBeGreaterThan(2000);
    expect(png.white / png.captionPixels, 'on white').toBeGreaterThan(0.8);
  });
});
