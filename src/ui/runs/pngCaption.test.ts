import { describe, expect, it } from 'vitest';
import { captionLayout, wrapText, type Measure } from './pngCaption.ts';

/** 6 px a character (8 in titles): a monospace stand-in for the canvas. */
const measure: Measure = (text, font) => text.length * (font === 'title' ? 8 : 6);

const run = {
  title: 'p = 0.25 vs 1 · seed 231 · CIFAR-10 sample',
  lines: ['Trained with: Keep probability 0.25 · Hidden size 500 · Epochs 25 · Batch size 100', 'Seed 231'],
  table: {
    header: ['Configuration', 'Final train acc', 'Final val acc', 'Best val acc'],
    rows: [
      ['p = 1 (no dropout)', '0.990', '0.270', '0.275 (epoch 4)'],
      ['p = 0.25', '0.770', '0.305', '0.310 (epoch 20)'],
    ],
  },
};

describe('the PNG caption under the charts', () => {
  it('wraps long lines at spaces, and text without spaces anywhere', () => {
    expect(wrapText('aaa bbb ccc', 8 * 6, 'body', measure)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('一二三四五', 2 * 6, 'body', measure)).toEqual(['一二', '三四', '五']);
    expect(wrapText('short', 600, 'body', measure)).toEqual(['short']);
  });

  it('writes the name, the settings, the seed and every cell of the table, in order down the page', () => {
    const layout = captionLayout([run], 300, measure);
    const texts = layout.texts.map((t) => t.text);
    expect(texts[0]).toBe(run.title.slice(0, texts[0].length));
    expect(texts.join(' ')).toContain('Seed 231');
    for (const cell of [...run.table.header, ...run.table.rows.flat()]) expect(texts).toContain(cell);
    const ys = layout.texts.map((t) => t.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(layout.height).toBeGreaterThan(ys.at(-1)!);
    // The settings line is wider than 300 px: it wraps, and nothing runs past the width but table columns.
    for (const t of layout.texts.filter((t) => t.font !== 'cell' && t.font !== 'header'))
      expect(t.x + measure(t.text, t.font)).toBeLessThanOrEqual(300);
  });

  it('puts a table’s columns side by side, each wide enough for its widest cell', () => {
    const layout = captionLayout([run], 1000, measure);
    const xOf = (text: string) => layout.texts.find((t) => t.text === text)!.x;
    expect(xOf('Final train acc')).toBeGreaterThanOrEqual(measure('p = 1 (no dropout)', 'cell'));
    expect(xOf('0.990')).toBe(xOf('Final train acc'));
    expect(xOf('Best val acc')).toBeGreaterThan(xOf('Final val acc'));
    expect(layout.rules).toHaveLength(1);
  });

  it('stacks several runs, each with its own table', () => {
    const one = captionLayout([run], 1000, measure);
    const two = captionLayout([run, { ...run, title: 'second' }], 1000, measure);
    expect(two.height).toBeGreaterThan(2 * one.height);
    expect(two.rules).toHaveLength(2);
    expect(captionLayout([], 1000, measure).height).toBe(0);
  });
});
