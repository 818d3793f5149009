import type { StateCreator, StoreApi } from 'zustand';
import { message, type Message } from '../core/message.ts';
import type { LabState } from './labState.ts';
import {
  SETTING_KEYS,
  SETTINGS_SCHEMA,
  SETTINGS_VERSION,
  SETTINGS_VERSION_URL_KEY,
  defaultSettings,
  settingProblem,
  settingsProblemMessages,
  type RunSettings,
} from './settingsSchema.ts';

/**
 * The experiment settings in the URL query (`?v=1&p=0.25&hidden=500&…`), driven by
 * SETTINGS_SCHEMA: read at start-up and on back/forward, written with
 * history.replaceState as settings change (no history entry per slider move).
 */

export interface SettingsFromUrl {
  settings: RunSettings;
  /** One line per value that was not used, naming the key, the value and why. */
  ignored: string[];
  /** The same, as messages the page words in the reader's language. */
  ignoredMessages: Message[];
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** A number as written in a URL; null when it is not plainly a decimal number ("", "0x10", "Infinity" are not). */
export function parseUrlNumber(text: string): number | null {
  const trimmed = text.trim();
  return NUMBER_TEXT.test(trimmed) ? Number(trimmed) : null;
}

/**
 * Settings from a query string: every key the schema knows and the URL carries is
 * checked against its row; malformed or out-of-range values fall back to the default
 * and are listed in `ignored`. Keys the schema does not know are ignored silently.
 */
export function settingsFromSearch(search: string | URLSearchParams): SettingsFromUrl {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const settings = defaultSettings();
  const ignoredMessages: Message[] = [];
  const fromUrl = new Set<keyof RunSettings>();
  /** key=value (why): the value was not used. */
  const ignore = (urlKey: string, value: string, why: Message) =>
    ignoredMessages.push(
      message(
        'linkValueIgnored',
        { ...why.params, key: urlKey, value, problemCode: why.code },
        `${urlKey}=${value} (${why.text})`,
      ),
    );

  const version = params.get(SETTINGS_VERSION_URL_KEY);
  if (version !== null && parseUrlNumber(version) !== SETTINGS_VERSION) {
    const readAs = String(SETTINGS_VERSION);
    ignore(
      SETTINGS_VERSION_URL_KEY,
      version,
      message(
        'linkVersion',
        { version: readAs },
        `this app reads settings version ${readAs}; the other values were read as that version`,
      ),
    );
  }

  for (const key of SETTING_KEYS) {
    const spec = SETTINGS_SCHEMA[key];
    const text = params.get(spec.urlKey);
    if (text === null) continue;
    const value = spec.kind === 'choice' ? text : parseUrlNumber(text);
    const problem =
      value === null
        ? message('settingNotNumber', { setting: key }, `${spec.label} must be a number`)
        : settingProblem(key, value);
    if (problem) {
      ignore(spec.urlKey, text, problem);
      continue;
    }
    (settings as unknown as Record<string, unknown>)[key] = value;
    fromUrl.add(key);
  }

  // Between fields (a batch larger than the training set, too many iterations): drop
  // the URL's value of a field with a problem; when the problem sits on a default,
  // drop the URL's value whose default resolves it (or, failing that, all of them).
  const drop = (key: keyof RunSettings, why: Message) => {
    const spec = SETTINGS_SCHEMA[key];
    ignore(spec.urlKey, String(settings[key]), why);
    (settings as unknown as Record<string, unknown>)[key] = spec.default;
    fromUrl.delete(key);
  };
  for (;;) {
    const problems = settingsProblemMessages(settings);
    const withProblem = Object.keys(problems) as (keyof RunSettings)[];
    if (withProblem.length === 0 || fromUrl.size === 0) break;
    const own = withProblem.find((k) => fromUrl.has(k));
    if (own) {
      drop(own, problems[own]!);
      continue;
    }
    const why = problems[withProblem[0]]!;
    const resolving = [...fromUrl].find(
      (k) => !settingsProblemMessages({ ...settings, [k]: SETTINGS_SCHEMA[k].default })[withProblem[0]],
    );
    for (const key of resolving ? [resolving] : [...fromUrl]) drop(key, why);
  }
  return { settings, ignored: ignoredMessages.map((m) => m.text), ignoredMessages };
}

/**
 * The query string for these settings: the version first, then every setting in
 * table order, then any keys of `existing` that are not ours (kept as they were).
 */
export function searchForSettings(settings: RunSettings, existing: string | URLSearchParams = ''): string {
  const previous = typeof existing === 'string' ? new URLSearchParams(existing) : existing;
  const ours = new Set<string>([SETTINGS_VERSION_URL_KEY, ...SETTING_KEYS.map((k) => SETTINGS_SCHEMA[k].urlKey)]);
  const params = new URLSearchParams();
  params.set(SETTINGS_VERSION_URL_KEY, String(SETTINGS_VERSION));
  // String(number) is the shortest text that reads back as the same double.
  for (const key of SETTING_KEYS) params.set(SETTINGS_SCHEMA[key].urlKey, String(settings[key]));
  for (const [key, value] of previous) if (!ours.has(key)) params.append(key, value);
  return `?${params.toString()}`;
}

/** The page's address with these settings in its query (path and hash kept): what "Copy link" copies. */
export function shareUrl(href: string, settings: RunSettings): string {
  const url = new URL(href);
  url.search = searchForSettings(settings, url.search);
  return url.toString();
}

export interface LinkSlice {
  /** Which values of the page's URL were ignored (malformed or out of range), or null. */
  /** The values of the link that were not used, or null. */
  linkNotice: readonly Message[] | null;
  dismissLinkNotice(): void;
}

export const createLinkSlice: StateCreator<LabState, [], [], LinkSlice> = (set) => ({
  linkNotice: null,
  dismissLinkNotice: () => set({ linkNotice: null }),
});

/** What the URL binding needs from the page: window in the app, a fake in tests. */
export interface UrlHost {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  addEventListener(type: 'popstate' | 'pagehide', listener: () => void): void;
  removeEventListener(type: 'popstate' | 'pagehide', listener: () => void): void;
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** Settings changes are written to the URL at most this often: Chromium throttles rapid replaceState calls. */
export const URL_WRITE_DELAY_MS = 200;

/**
 * Reads the settings from the URL now and on every back/forward, and writes them back
 * (replaceState, after a short quiet time) whenever they change. Returns the unbinding.
 */
export function syncSettingsWithUrl(store: StoreApi<LabState>, host: UrlHost): () => void {
  let pending: number | null = null;

  const write = () => {
    if (pending !== null) host.clearTimeout(pending);
    pending = null;
    const next = shareUrl(host.location.href, store.getState().settings);
    if (next !== host.location.href) host.history.replaceState(host.history.state, '', next);
  };

  const read = () => {
    if (pending !== null) host.clearTimeout(pending);
    pending = null;
    const { settings, ignoredMessages } = settingsFromSearch(new URL(host.location.href).search);
    // A link that names the compute choice keeps it; otherwise the GPU becomes the default where one is found.
    const kernelsChosen =
      new URL(host.location.href).searchParams.has(SETTINGS_SCHEMA.kernels.urlKey) || store.getState().kernelsChosen;
    store.setState({ settings, linkNotice: ignoredMessages.length ? ignoredMessages : null, kernelsChosen });
    // Show the values in use: ignored ones are replaced by their defaults.
    write();
  };

  read();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.settings === previous.settings) return;
    if (pending !== null) host.clearTimeout(pending);
    pending = host.setTimeout(write, URL_WRITE_DELAY_MS);
  });
  const flush = () => {
    if (pending !== null) write();
  };
  host.addEventListener('popstate', read);
  host.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    if (pending !== null) host.clearTimeout(pending);
    host.removeEventListener('popstate', read);
    host.removeEventListener('pagehide', flush);
  };
}
