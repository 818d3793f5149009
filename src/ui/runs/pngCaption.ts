/**
 * What Export PNG writes under the charts, so that a figure pasted into a write-up still says which run it was: each
 * run's name, settings line, seed and Results table. Laid out here as positions, without a canvas (`measure` is the
 * canvas's in the page, a fake in tests); chartPng draws them.
 */

export type CaptionFont = 'title' | 'body' | 'header' | 'cell';

export interface RunCaption {
  title: string;
  /** The settings line and the seed line; long lines wrap. */
  lines: string[];
  table: { header: string[]; rows: string[][] };
}

export interface CaptionText {
  text: string;
  x: number;
  /** The text's baseline, from the caption's top. */
  y: number;
  font: CaptionFont;
}

export interface CaptionLayout {
  height: number;
  texts: CaptionText[];
  /** Horizontal rules under the tables' headers: y and the x range. */
  rules: { y: number; x1: number; x2: number }[];
}

export type Measure = (text: string, font: CaptionFont) => number;

/** Line heights in CSS pixels, by font. */
export const CAPTION_LINE: Record<CaptionFont, number> = { title: 20, body: 16, header: 17, cell: 17 };
const COLUMN_GAP = 16;
const RUN_GAP = 14;

/** Splits `text` into lines no wider than `width`: at spaces, or anywhere in text without them (Chinese). */
export function wrapText(text: string, width: number, font: CaptionFont, measure: Measure): string[] {
  const words = text.includes(' ') ? text.split(/(?<= )/) : [...text];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && measure(line + word, font) > width) {
      lines.push(line.trimEnd());
      line = word.trimStart();
    } else line += word;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The captions of `runs`, one under another, `width` wide. */
export function captionLayout(runs: RunCaption[], width: number, measure: Measure): CaptionLayout {
  const texts: CaptionText[] = [];
  const rules: CaptionLayout['rules'] = [];
  let y = 0;
  const put = (text: string, x: number, font: CaptionFont) =>
    texts.push({ text, x, y: y + CAPTION_LINE[font] * 0.75, font });
  runs.forEach((run, r) => {
    if (r > 0) y += RUN_GAP;
    for (const line of wrapText(run.title, width, 'title', measure)) {
      put(line, 0, 'title');
      y += CAPTION_LINE.title;
    }
    for (const text of run.lines) {
      for (const line of wrapText(text, width, 'body', measure)) {
        put(line, 0, 'body');
        y += CAPTION_LINE.body;
      }
    }
    const { header, rows } = run.table;
    if (header.length === 0) return;
    y += 4;
    const widths = header.map((h, c) =>
      Math.max(measure(h, 'header'), ...rows.map((row) => measure(row[c] ?? '', 'cell'))),
    );
    const xs = widths.reduce<number[]>(
      (acc, _, c) => [...acc, c === 0 ? 0 : acc[c - 1] + widths[c - 1] + COLUMN_GAP],
      [],
    );
    header.forEach((h, c) => put(h, xs[c], 'header'));
    y += CAPTION_LINE.header;
    rules.push({ y: y - 2, x1: 0, x2: Math.min(width, xs.at(-1)! + widths.at(-1)!) });
    for (const row of rows) {
      row.forEach((cell, c) => put(cell, xs[c], 'cell'));
      y += CAPTION_LINE.cell;
    }
  });
  return { height: Math.ceil(y), texts, rules };
}
