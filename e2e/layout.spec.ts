import { expect, test, type Page } from '@playwright/test';

interface LayoutReport {
  documentWidth: number;
  /** Controls smaller than 44 x 44 px, as "tag name: width x height". */
  small: string[];
  /** Controls reaching past the viewport or cut by an ancestor that hides overflow (and does not scroll to them). */
  cut: string[];
  /** Short labels (a word or two: 2-6 characters) in tables and buttons broken over lines, e.g. 删除 as 删 / 除, and captions squeezed narrow. */
  broken: string[];
  /** Chart legends drawn over an axis's tick labels, x-axis tick labels touching each other, and an axis's last tick crowding the one before. */
  overlapping: string[];
  /** Tables, figures and button rows reaching past their cell's card (outside a container that scrolls), and text fields whose text is cut. */
  overflowing: string[];
}

/** Every control a person can operate, measured where it is drawn (a radio by its label, a file input by its button). */
function measure(minimum: number): LayoutReport {
  const name = (e: Element) =>
    `${e.tagName.toLowerCase()}${e.getAttribute('aria-label') ? `[${e.getAttribute('aria-label')}]` : ''}: ${(e.textContent ?? '').trim().slice(0, 40)}`;
  const target = (e: Element): Element =>
    e.matches('input[type=radio], input[type=checkbox], input[type=file]') ? (e.closest('label') ?? e) : e;
  const shown = (e: Element) => {
    const r = e.getBoundingClientRect();
    return (
      r.width > 0 &&
      r.height > 0 &&
      !e.closest('.sr-only, [hidden], details:not([open]) > :not(summary)') &&
      getComputedStyle(e).visibility !== 'hidden'
    );
  };
  const controls = [
    ...new Set(
      [...document.querySelectorAll('button, select, input, textarea, summary, .toc-list a, [role=slider]')].map(
        target,
      ),
    ),
  ].filter(shown);
  const small: string[] = [];
  const cut: string[] = [];
  for (const control of controls) {
    const r = control.getBoundingClientRect();
    if (Math.round(r.width) < minimum || Math.round(r.height) < minimum)
      small.push(`${name(control)}: ${Math.round(r.width)} x ${Math.round(r.height)}`);
    for (let a = control.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible') continue;
      // A container that scrolls sideways (a wide table's cell output) lets the person reach what is past its edge.
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && a.scrollWidth > a.clientWidth) break;
      const box = a.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) cut.push(`${name(control)} by ${a.className || a.tagName}`);
      break;
    }
    if (r.left < -1 || r.right > innerWidth + 1)
      cut.push(`${name(control)}: ${Math.round(r.left)}..${Math.round(r.right)} of ${innerWidth}`);
  }
  const broken: string[] = [];
  for (const host of document.querySelectorAll('th, td, button')) {
    if (!shown(host)) continue;
    for (const node of host.childNodes) {
      const text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '').trim() : '';
      if (text.length < 2 || text.length > 6) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(`${host.tagName.toLowerCase()}: ${text} on ${lines.size} lines`);
    }
  }
  for (const caption of document.querySelectorAll('caption')) {
    const table = caption.closest('table')!.getBoundingClientRect();
    const box = caption.getBoundingClientRect();
    if (
      shown(caption) &&
      box.height > 2.5 * parseFloat(getComputedStyle(caption).lineHeight) &&
      box.width < 0.6 * table.width
    ) {
      broken.push(
        `caption: ${(caption.textContent ?? '').trim()} squeezed to ${Math.round(box.width)} of ${Math.round(table.width)} px`,
      );
    }
  }
  const overlapping: string[] = [];
  for (const chart of document.querySelectorAll('figure.chart')) {
    const items = [...chart.querySelectorAll('.recharts-legend-item')].map((item) => item.getBoundingClientRect());
    for (const tick of chart.querySelectorAll('.recharts-cartesian-axis-tick-value')) {
      const r = tick.getBoundingClientRect();
      if (items.some((l) => r.left < l.right && r.right > l.left && r.top < l.bottom - 1 && r.bottom > l.top + 1)) {
        overlapping.push(`${chart.getAttribute('aria-label')}: legend over the tick "${tick.textContent}"`);
      }
    }
  }
  for (const axis of document.querySelectorAll('figure.chart .recharts-xAxis-tick-labels')) {
    const ticks = [...axis.querySelectorAll('.recharts-cartesian-axis-tick-value')]
      .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
      .sort((a, b) => a.r.left - b.r.left);
    for (let i = 1; i < ticks.length; i++) {
      // At least a space's width between two labels, or they read as one number ("106125").
      if (ticks[i].r.left - ticks[i - 1].r.right < 4) {
        overlapping.push(
          `${axis.closest('figure')!.getAttribute('aria-label')}: ticks "${ticks[i - 1].text}" and "${ticks[i].text}" touch`,
        );
      }
    }
  }
  // The line charts' axes (epochs, iterations, p), which LineChartFigure ticks; the "Why it works" bar charts tick their own.
  for (const axis of [...document.querySelectorAll('figure.chart .recharts-xAxis-tick-labels')].filter((a) =>
    a.closest('figure')!.querySelector('.recharts-line'),
  )) {
    const centres = [...axis.querySelectorAll('.recharts-cartesian-axis-tick-value')]
      .map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, x: (r.left + r.right) / 2 };
      })
      .sort((a, b) => a.x - b.x);
    const gaps = centres.slice(1).map((c, i) => c.x - centres[i].x);
    // The end after a tick far closer than the axis's step ("12 13", "450 540").
    if (gaps.length > 1 && gaps.at(-1)! < 0.45 * Math.max(...gaps)) {
      overlapping.push(
        `${axis.closest('figure')!.getAttribute('aria-label')}: the end tick "${centres.at(-1)!.text}" crowds "${centres.at(-2)!.text}"`,
      );
    }
  }
  const overflowing: string[] = [];
  const scrolls = (e: Element) => {
    for (let a = e.parentElement; a && !a.classList.contains('cell-body'); a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x === 'auto' || x === 'scroll') return true;
    }
    return false;
  };
  for (const box of document.querySelectorAll(
    '.cell-body table, .cell-body figure, .cell-body .button-row, .cell-body .row-actions',
  )) {
    const card = box.closest('.cell-body');
    if (!card || !shown(box) || scrolls(box)) continue;
    const [r, c] = [box.getBoundingClientRect(), card.getBoundingClientRect()];
    if (r.right > c.right + 0.5 || r.left < c.left - 0.5) {
      overflowing.push(
        `${box.tagName.toLowerCase()}${box.getAttribute('aria-label') ? `[${box.getAttribute('aria-label')}]` : `.${box.className}`}: ${Math.round(r.left - c.left)}..${Math.round(r.right - c.left)} of its card's ${Math.round(c.width)} px`,
      );
    }
  }
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[type=text], textarea')) {
    if (shown(field) && (field.scrollWidth > field.clientWidth + 1 || field.scrollHeight > field.clientHeight + 1)) {
      overflowing.push(
        `${field.getAttribute('aria-label') ?? field.closest('label')?.textContent?.slice(0, 30)}: "${field.value}" cut (${field.scrollWidth} x ${field.scrollHeight} in ${field.clientWidth} x ${field.clientHeight})`,
      );
    }
  }
  return { documentWidth: document.documentElement.scrollWidth, small, cut, broken, overlapping, overflowing };
}

async function prepare(page: Page) {
  // 13 epochs: Recharts' own ticks crowded the end there ("12 13").
  await page.goto('/?epochs=13&train=200');
  const forward = page.getByRole('region', { name: 'Dropout forward pass' });
  await forward.getByRole('button', { name: 'Run' }).click();
  await expect(forward.getByRole('table', { name: 'Dropout forward pass results' })).toBeVisible({ timeout: 30_000 });
  const experiment = page.getByRole('region', { name: 'Regularization experiment' });
  await expect(experiment.getByText(/Active dataset/)).toBeVisible({ timeout: 30_000 });
  await experiment.getByRole('button', { name: 'Train' }).click();
  await expect(experiment.getByRole('status')).toContainText('Done', { timeout: 90_000 });
  const sweep = page.getByRole('region', { name: 'Sweep' });
  await sweep.getByRole('textbox', { name: 'Keep probabilities' }).fill('0.5, 1');
  await sweep.getByRole('textbox', { name: 'Hidden sizes' }).fill('20');
  await sweep.getByRole('button', { name: 'Run sweep (2 runs)' }).click();
  await expect(sweep.getByRole('status')).toContainText('Done', { timeout: 60_000 });
}

test.describe('layouts that never clip', () => {
  for (const width of [360, 768, 1400]) {
    test(`at ${width} px, in light and dark: no sideways scroll, no control cut off, no short label broken, no legend over a tick${width < 720 ? ', every control at least 44 x 44 px' : ''}; in Chinese too`, async ({
      page,
    }, info) => {
      test.setTimeout(150_000);
      await page.setViewportSize({ width, height: 900 });
      await prepare(page);
      for (const theme of ['light', 'dark'] as const) {
        await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await info.attach(`${width}px-${theme}.png`, {
          body: await page.screenshot({ fullPage: true }),
          contentType: 'image/png',
        });
        const report = await page.evaluate(measure, width < 720 ? 44 : 0);
        expect(report.documentWidth, `document width at ${width} px, ${theme}`).toBe(width);
        expect(report.cut, `controls cut off at ${width} px, ${theme}`).toEqual([]);
        expect(report.small, `controls under 44 px at ${width} px, ${theme}`).toEqual([]);
        expect(report.broken, `short labels broken over lines at ${width} px, ${theme}`).toEqual([]);
        expect(report.overlapping, `legends over tick labels at ${width} px, ${theme}`).toEqual([]);
        expect(report.overflowing, `tables or fields past their card at ${width} px, ${theme}`).toEqual([]);
      }
      // Chinese breaks lines between any two characters unless told otherwise.
      await page.getByRole('combobox', { name: 'Language · 语言' }).selectOption('zh-CN');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await info.attach(`${width}px-zh-CN.png`, {
        body: await page.screenshot({ fullPage: true }),
        contentType: 'image/png',
      });
      const report = await page.evaluate(measure, width < 720 ? 44 : 0);
      expect(report.documentWidth, `document width at ${width} px, in Chinese`).toBe(width);
      expect(report.cut, `controls cut off at ${width} px, in Chinese`).toEqual([]);
      expect(report.small, `controls under 44 px at ${width} px, in Chinese`).toEqual([]);
      expect(report.broken, `short labels broken over lines at ${width} px, in Chinese`).toEqual([]);
      expect(report.overlapping, `legends over tick labels at ${width} px, in Chinese`).toEqual([]);
      expect(report.overflowing, `tables or fields past their card at ${width} px, in Chinese`).toEqual([]);
    });
  }
});
