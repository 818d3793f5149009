import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Text a component may show as it is: the bilingual language switch, and the child a <Trans> link replaces. */
const ALLOWED = new Set(['Language · 语言', 'CIFAR-10']);
/** Attributes a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'title', 'alt', 'placeholder', 'label', 'aria-valuetext']);

function literalTexts(file: string, source: string): string[] {
  const found: string[] = [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText().replace(/\s+/g, ' ').trim();
      if (/[A-Za-z]{2,}/.test(text) && !ALLOWED.has(text)) found.push(text);
    } else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText();
      const text = node.initializer.text;
      if (SPOKEN_ATTRIBUTES.has(name) && /[A-Za-z]{2,}/.test(text) && !ALLOWED.has(text))
        found.push(`${name}="${text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('the UI shows no literal text outside the catalogues', () => {
  it('no component of src/ui renders English text of its own (JSX text or spoken attributes)', () => {
    const dir = new URL('..', import.meta.url).pathname;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'),
    );
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) =>
      literalTexts(f, readFileSync(join(dir, f), 'utf8')).map((text) => `${f}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it('finds literal text when there is some (the check can fail)', () => {
    expect(literalTexts('x.tsx', 'const a = <p title="Hello there">Press <b>Train</b> now</p>;')).toEqual([
      'title="Hello there"',
      'Press',
      'Train',
      'now',
    ]);
  });
});
