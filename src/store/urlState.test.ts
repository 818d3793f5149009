import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLabStore, type LabStore } from './createLabStore.ts';
import { testLabDeps } from './testing/testLabDeps.ts';
import {
  SETTING_KEYS,
  SETTINGS_SCHEMA,
  SETTINGS_VERSION,
  SETTINGS_VERSION_URL_KEY,
  defaultSettings,
  settingsProblems,
  type RunSettings,
} from './settingsSchema.ts';
import {
  URL_WRITE_DELAY_MS,
  parseUrlNumber,
  searchForSettings,
  settingsFromSearch,
  shareUrl,
  syncSettingsWithUrl,
  type UrlHost,
} from './urlState.ts';

/** Every setting away from its default, with numbers whose decimal text is awkward. */
const unusual: RunSettings = {
  keepProb: 0.35,
  hiddenSize: 4096,
  hiddenLayers: 3,
  numTrain: 49_999,
  epochs: 1,
  batchSize: 7,
  learningRate: 0.1 + 0.2,
  weightScale: 3.3e-7,
  seed: 2 ** 31 - 1,
  updateRule: 'rmsprop',
  dataset: 'cifar10',
  scaling: 'vanilla',
  kernels: 'fast',
  model: 'autoencoder',
};

describe('settings in the URL', () => {
  it('the table gives every setting its own URL key, and none is the version key', () => {
    const keys = SETTING_KEYS.map((k) => SETTINGS_SCHEMA[k].urlKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain(SETTINGS_VERSION_URL_KEY);
    for (const k of SETTING_KEYS) expect(unusual[k]).not.toEqual(SETTINGS_SCHEMA[k].default);
  });

  it('writes the version first, then every setting, and reads back exactly what it wrote', () => {
    const search = searchForSettings(unusual);
    const params = new URLSearchParams(search);
    expect([...params.keys()]).toEqual([
      SETTINGS_VERSION_URL_KEY,
      ...SETTING_KEYS.map((k) => SETTINGS_SCHEMA[k].urlKey),
    ]);
    expect(params.get('v')).toBe(String(SETTINGS_VERSION));
    expect(params.get('lr')).toBe('0.30000000000000004');
    expect(settingsFromSearch(search)).toMatchObject({ settings: unusual, ignored: [] });
    expect(settingsFromSearch(searchForSettings(defaultSettings()))).toMatchObject({
      settings: defaultSettings(),
      ignored: [],
    });
  });

  it.each(
    SETTING_KEYS.flatMap((key) => {
      const spec = SETTINGS_SCHEMA[key];
      const values: unknown[] =
        spec.kind === 'choice'
          ? spec.options.map((o) => o.value)
          : [spec.max, spec.kind === 'integer' || !spec.minExclusive ? spec.min : spec.min + 1e-9];
      return values.map((value) => [key, value] as const);
    }),
  )('round-trips %s = %s', (key, value) => {
    const settings = { ...defaultSettings(), [key]: value };
    // Keep the other settings consistent with this one (batch within the set, few iterations).
    if (key === 'batchSize')
      Object.assign(settings, { numTrain: Math.max(settings.numTrain, settings.batchSize), epochs: 1 });
    // Only the user's own CIFAR-10 holds 50,000 training images.
    if ((key === 'batchSize' || key === 'numTrain') && settings.numTrain > 1000) settings.dataset = 'cifar10';
    if (key === 'numTrain') settings.batchSize = Math.min(settings.numTrain, settings.batchSize);
    expect(settingsProblems(settings)).toEqual({});
    expect(settingsFromSearch(searchForSettings(settings))).toMatchObject({ settings, ignored: [] });
  });

  it('links that name a dataset keep working; one the default dataset cannot hold is refused with the reason', () => {
    expect(settingsFromSearch('?dataset=mnist&train=5000')).toMatchObject({
      settings: { ...defaultSettings(), dataset: 'mnist', numTrain: 5000 },
      ignored: [],
    });
    expect(settingsFromSearch('?dataset=cifar-sample').settings.dataset).toBe('cifar-sample');
    expect(settingsFromSearch('?train=5000')).toMatchObject({
      settings: defaultSettings(),
      ignored: ['train=5000 (Training examples (5,000) must be at most 1,000 with CIFAR-10 sample (built-in))'],
    });
  });

  it('a hand-written link with a few keys sets those and leaves the rest at their defaults', () => {
    const { settings, ignored } = settingsFromSearch('?epochs=3&seed=7&p=0.5');
    expect(settings).toEqual({ ...defaultSettings(), epochs: 3, seed: 7, keepProb: 0.5 });
    expect(ignored).toEqual([]);
  });

  it.each([
    ['p=abc', 'keepProb', /^p=abc \(Keep probability must be a number\)$/],
    ['p=', 'keepProb', /^p= \(Keep probability must be a number\)$/],
    ['p=1.5', 'keepProb', /^p=1.5 \(Keep probability must be at least 0.05 and at most 1\)$/],
    ['hidden=0x10', 'hiddenSize', /Hidden size must be a number/],
    ['hidden=2.5', 'hiddenSize', /Hidden size must be a whole number/],
    ['hidden=9000', 'hiddenSize', /at most 4096/],
    ['epochs=Infinity', 'epochs', /Epochs must be a number/],
    ['lr=0', 'learningRate', /Learning rate must be above 0/],
    ['seed=-1', 'seed', /Seed must be at least 0/],
    ['seed=1e40', 'seed', /Seed must be at least 0 and at most 2147483647/],
    ['rule=newton', 'updateRule', /Update rule: "newton" is not one of/],
    ['dataset=MNIST', 'dataset', /Dataset: "MNIST" is not one of/],
  ] as const)('%s falls back to the default and is named in the notice', (query, key, message) => {
    const { settings, ignored } = settingsFromSearch(`?${query}&epochs=3`);
    expect(settings).toEqual({ ...defaultSettings(), epochs: 3, [key]: SETTINGS_SCHEMA[key].default });
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatch(message);
  });

  it('unknown keys are ignored without a notice; a foreign settings version is named but the values are read', () => {
    expect(settingsFromSearch('?utm_source=mail&p=0.5&zoom=2')).toMatchObject({
      settings: { ...defaultSettings(), keepProb: 0.5 },
      ignored: [],
    });
    const { settings, ignored } = settingsFromSearch('?v=99&p=0.5');
    expect(settings.keepProb).toBe(0.5);
    expect(ignored).toEqual([expect.stringMatching(/^v=99 \(this app reads settings version 1/)]);
  });

  it('values that conflict with each other fall back too, naming why', () => {
    // train=50 alone conflicts with the default batch of 100: the training-set size goes.
    const alone = settingsFromSearch('?train=50');
    expect(alone.settings).toEqual(defaultSettings());
    expect(alone.ignored).toEqual([
      expect.stringMatching(/^train=50 \(Batch size \(100\) must not be larger than the training set \(50\)\)$/),
    ]);
    // With a batch that fits, both are kept.
    expect(settingsFromSearch('?train=50&batch=10')).toMatchObject({
      settings: { ...defaultSettings(), numTrain: 50, batchSize: 10 },
      ignored: [],
    });
    // A batch too large for the given set: the batch goes first; the default batch is too large as well, so the set goes too.
    const both = settingsFromSearch('?train=80&batch=90&seed=5');
    expect(both.settings).toEqual({ ...defaultSettings(), seed: 5 });
    expect(both.ignored).toEqual([
      'batch=90 (Batch size (90) must not be larger than the training set (80))',
      'train=80 (Batch size (100) must not be larger than the training set (80))',
    ]);
  });

  it('keeps keys that are not its own, and the path and hash, when it writes', () => {
    const search = searchForSettings({ ...defaultSettings(), keepProb: 0.5 }, '?p=0.9&utm_source=mail&v=1');
    const params = new URLSearchParams(search);
    expect(params.get('p')).toBe('0.5');
    expect(params.getAll('v')).toEqual(['1']);
    expect(params.get('utm_source')).toBe('mail');
    const url = new URL(
      shareUrl('https://lab.example/dropout/?hidden=9#cell-4', { ...defaultSettings(), hiddenSize: 100 }),
    );
    expect([url.pathname, url.hash, url.searchParams.get('hidden')]).toEqual(['/dropout/', '#cell-4', '100']);
  });

  it('reads only plain decimal numbers', () => {
    expect([
      parseUrlNumber('0.5'),
      parseUrlNumber(' 7 '),
      parseUrlNumber('5e-4'),
      parseUrlNumber('-.5'),
      parseUrlNumber('1.'),
    ]).toEqual([0.5, 7, 5e-4, -0.5, 1]);
    for (const text of ['', ' ', '0x10', '0b1', 'NaN', 'Infinity', '1,5', '1e', '--1', '½'])
      expect(parseUrlNumber(text)).toBeNull();
  });
});

/** A page for the binding: a location, a history that records replaceState, listeners, and vitest's fake timers. */
function fakeHost(href: string) {
  const listeners = new Map<string, Set<() => void>>();
  const writes: string[] = [];
  const host: UrlHost = {
    location: { href },
    history: {
      state: null,
      replaceState(_data, _unused, url) {
        host.location.href = new URL(String(url), host.location.href).toString();
        writes.push(host.location.href);
      },
    },
    addEventListener: (type, listener) =>
      void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(listener),
    removeEventListener: (type, listener) => void listeners.get(type)?.delete(listener),
    setTimeout: (handler, ms) => setTimeout(handler, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
  };
  const fire = (type: string) => listeners.get(type)?.forEach((l) => l());
  return { host, writes, fire, listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) };
}

describe('the URL binding', () => {
  let store: LabStore;
  beforeEach(() => {
    vi.useFakeTimers();
    store = createLabStore(testLabDeps());
  });
  afterEach(() => vi.useRealTimers());

  it('reads the URL at start, names ignored values, and shows the values in use', () => {
    const page = fakeHost('http://localhost/?epochs=3&seed=7&p=0.5&hidden=abc&utm=x');
    const stop = syncSettingsWithUrl(store, page.host);
    const s = store.getState();
    expect(s.settings).toEqual({ ...defaultSettings(), epochs: 3, seed: 7, keepProb: 0.5 });
    expect(s.linkNotice?.map((m) => m.text).join('; ')).toMatch(/hidden=abc \(Hidden size must be a number\)/);
    expect(page.writes).toHaveLength(1);
    const written = new URL(page.host.location.href).searchParams;
    expect([written.get('hidden'), written.get('seed'), written.get('utm')]).toEqual(['500', '7', 'x']);
    stop();
  });

  it('writes settings changes with one replaceState after a quiet time, not one per change', () => {
    const page = fakeHost('http://localhost/');
    const stop = syncSettingsWithUrl(store, page.host);
    const writesAtStart = page.writes.length;
    for (const p of [0.3, 0.35, 0.4, 0.45]) store.getState().setSetting('keepProb', p);
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS - 1);
    expect(page.writes).toHaveLength(writesAtStart);
    vi.advanceTimersByTime(1);
    expect(page.writes).toHaveLength(writesAtStart + 1);
    expect(new URL(page.host.location.href).searchParams.get('p')).toBe('0.45');
    // A refused value changes nothing, so nothing is written.
    expect(store.getState().setSetting('hiddenSize', 0)?.text).toMatch(/Hidden size/);
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS);
    expect(page.writes).toHaveLength(writesAtStart + 1);
    stop();
  });

  it('a pending write is flushed when the page is hidden', () => {
    const page = fakeHost('http://localhost/');
    const stop = syncSettingsWithUrl(store, page.host);
    store.getState().setSetting('seed', 12);
    page.fire('pagehide');
    expect(new URL(page.host.location.href).searchParams.get('seed')).toBe('12');
    stop();
  });

  it('back/forward (popstate) reads the URL again; unbinding removes every listener', () => {
    const page = fakeHost('http://localhost/?seed=1');
    const stop = syncSettingsWithUrl(store, page.host);
    expect(store.getState().settings.seed).toBe(1);
    page.host.location.href = 'http://localhost/?seed=2&p=7';
    page.fire('popstate');
    expect(store.getState().settings).toEqual({ ...defaultSettings(), seed: 2 });
    expect(
      store
        .getState()
        .linkNotice?.map((m) => m.text)
        .join('; '),
    ).toMatch(/p=7/);
    stop();
    expect(page.listenerCount()).toBe(0);
    store.getState().setSetting('seed', 3);
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS * 2);
    expect(new URL(page.host.location.href).searchParams.get('seed')).toBe('2');
  });
});
