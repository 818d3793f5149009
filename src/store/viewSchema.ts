import { message, type Message } from '../core/message.ts';
import { SETTING_KEYS, SETTINGS_SCHEMA, type RunSettings } from './settingsSchema.ts';

/**
 * How a link shows the notebook, beside its settings (settingsSchema.ts): which cells alone (`cells=experiment,mask`,
 * for a class or an iframe), which settings are fixed (`fixed=hidden,epochs`: shown, not editable) and the
 * presentation view (`present=1`). One row per URL key; every value is checked and a bad one named in the link notice.
 */

/** The parts a link can show alone, in the notebook's order; `mask` is the experiment's mask panel (it brings the experiment). */
export const VIEW_CELLS = [
  'forward',
  'backward',
  'net',
  'experiment',
  'mask',
  'runs',
  'sweep',
  'features',
  'sparsity',
  'mc',
] as const;
export type ViewCell = (typeof VIEW_CELLS)[number];

export interface NotebookView {
  /** The cells shown alone, in the notebook's order; null: the whole notebook. */
  cells: readonly ViewCell[] | null;
  /** Settings the link fixes: shown, not editable. */
  fixed: readonly (keyof RunSettings)[];
  /** The presentation view: the chosen cells (or all) one per screen. */
  present: boolean;
}

export const WHOLE_NOTEBOOK: NotebookView = { cells: null, fixed: [], present: false };

/** The value a fixed list takes to fix every setting. */
export const FIX_ALL = 'all';

export const VIEW_SCHEMA = {
  cells: { urlKey: 'cells', label: 'Cells shown', choices: VIEW_CELLS as readonly string[] },
  fixed: {
    urlKey: 'fixed',
    label: 'Fixed settings',
    choices: [FIX_ALL, ...SETTING_KEYS.map((k) => SETTINGS_SCHEMA[k].urlKey)],
  },
  present: { urlKey: 'present', label: 'Presentation', choices: ['1', '0'] },
} as const;

export const VIEW_URL_KEYS: readonly string[] = Object.values(VIEW_SCHEMA).map((row) => row.urlKey);

const listOf = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** The view a query string asks for; values not understood are left out and listed as messages. */
export function viewFromSearch(search: string | URLSearchParams): { view: NotebookView; ignoredMessages: Message[] } {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const ignoredMessages: Message[] = [];
  const ignore = (urlKey: string, value: string, why: Message) =>
    ignoredMessages.push(
      message(
        'linkValueIgnored',
        { ...why.params, key: urlKey, value, problemCode: why.code },
        `${urlKey}=${value} (${why.text})`,
      ),
    );
  const view: { cells: ViewCell[] | null; fixed: (keyof RunSettings)[]; present: boolean } = {
    cells: null,
    fixed: [],
    present: false,
  };

  const cellsText = params.get(VIEW_SCHEMA.cells.urlKey);
  if (cellsText !== null) {
    const chosen = new Set<ViewCell>();
    for (const item of listOf(cellsText)) {
      if ((VIEW_CELLS as readonly string[]).includes(item)) chosen.add(item as ViewCell);
      else
        ignore(
          VIEW_SCHEMA.cells.urlKey,
          item,
          message(
            'viewCellUnknown',
            { choices: VIEW_CELLS.join(', ') },
            `not a cell of the notebook: one of ${VIEW_CELLS.join(', ')}`,
          ),
        );
    }
    if (chosen.has('mask')) chosen.add('experiment');
    if (chosen.size > 0) view.cells = VIEW_CELLS.filter((c) => chosen.has(c));
    else if (listOf(cellsText).length === 0)
      ignore(
        VIEW_SCHEMA.cells.urlKey,
        cellsText,
        message('viewCellsEmpty', {}, 'no cell named: the whole notebook is shown'),
      );
  }

  const fixedText = params.get(VIEW_SCHEMA.fixed.urlKey);
  if (fixedText !== null) {
    const fixed = new Set<keyof RunSettings>();
    for (const item of listOf(fixedText)) {
      const key = SETTING_KEYS.find((k) => SETTINGS_SCHEMA[k].urlKey === item);
      if (item === FIX_ALL) SETTING_KEYS.forEach((k) => fixed.add(k));
      else if (key) fixed.add(key);
      else
        ignore(
          VIEW_SCHEMA.fixed.urlKey,
          item,
          message(
            'viewFixedUnknown',
            { choices: VIEW_SCHEMA.fixed.choices.join(', ') },
            `not a setting: one of ${VIEW_SCHEMA.fixed.choices.join(', ')}`,
          ),
        );
    }
    view.fixed = SETTING_KEYS.filter((k) => fixed.has(k));
  }

  const presentText = params.get(VIEW_SCHEMA.present.urlKey);
  if (presentText !== null) {
    if (presentText === '1' || presentText === '0') view.present = presentText === '1';
    else
      ignore(
        VIEW_SCHEMA.present.urlKey,
        presentText,
        message('viewPresentBad', {}, 'present is 1 (the presentation view) or 0'),
      );
  }
  return { view, ignoredMessages };
}

/** The query keys of a view (none for the whole notebook), in the schema's order. */
export function searchForView(view: NotebookView): [string, string][] {
  const entries: [string, string][] = [];
  if (view.cells) entries.push([VIEW_SCHEMA.cells.urlKey, view.cells.join(',')]);
  if (view.fixed.length === SETTING_KEYS.length) entries.push([VIEW_SCHEMA.fixed.urlKey, FIX_ALL]);
  else if (view.fixed.length)
    entries.push([VIEW_SCHEMA.fixed.urlKey, view.fixed.map((k) => SETTINGS_SCHEMA[k].urlKey).join(',')]);
  if (view.present) entries.push([VIEW_SCHEMA.present.urlKey, '1']);
  return entries;
}

/** `href` showing `view` (its settings and other keys kept) and opening at `hash` when given. */
export function urlWithView(href: string, view: NotebookView, hash?: string): string {
  const url = new URL(href);
  for (const key of VIEW_URL_KEYS) url.searchParams.delete(key);
  for (const [key, value] of searchForView(view)) url.searchParams.set(key, value);
  if (hash !== undefined) url.hash = hash;
  return url.toString();
}
