import { expect, test, type Frame, type Page } from '@playwright/test';
import { serveCoursePage } from './coursePage.ts';

/**
 * Where a cell's heading is, from the top of its window (below the contents bar that stays at the top of narrower
 * windows, where there is one), and how far the window is scrolled.
 */
async function cellTop(where: Page | Frame, anchor = 'cell-experiment') {
  return where.evaluate((anchor) => {
    const heading = document.querySelector(`#${anchor} h2`);
    const bar = document.querySelector('.toc-menu');
    const barBottom =
      bar && getComputedStyle(bar).position === 'sticky' ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
    return {
      top: heading ? Math.round(heading.getBoundingClientRect().top - barBottom) : null,
      scrollY: Math.round(window.scrollY),
    };
  }, anchor);
}

async function expectLandedOnExperiment(where: Page | Frame) {
  const experiment = where.getByRole('region', { name: 'Regularization experiment' });
  // The built-in dataset arriving changes the layout above and in the cell: the link must still land.
  await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await cellTop(where)).top, { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
  const { top, scrollY } = await cellTop(where);
  expect(scrollY).toBeGreaterThan(300);
  expect(top).toBeLessThan(60);
}

test('a link to a cell opens at that cell, on first load and after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1000 });
  await page.goto('/#cell-experiment');
  await expectLandedOnExperiment(page);
  await page.evaluate(() => window.scrollTo(0, 120));
  await page.reload();
  await expectLandedOnExperiment(page);
});

test('a link to a cell of a part loaded after the first cells (its own chunk) lands there too', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/#cell-features');
  await expect(page.getByRole('heading', { name: 'What the units learn' })).toBeVisible();
  await expect.poll(async () => (await cellTop(page, 'cell-features')).top, { timeout: 15_000 }).toBeLessThan(60);
  expect((await cellTop(page, 'cell-features')).top).toBeGreaterThanOrEqual(0);
});

test('a link to a cell lands there inside an iframe of another origin', async ({ page, baseURL }) => {
  const course = await serveCoursePage(`${baseURL}/#cell-experiment`);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(course.url);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  await expectLandedOnExperiment(frame!);
  // The course page itself did not move.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await course.close();
});
