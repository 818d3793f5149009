import { describe, expect, it } from 'vitest';
import { createLabStore } from './createLabStore.ts';
import { newRun } from './runState.ts';
import { defaultSettings } from './settingsSchema.ts';
import { testLabDeps } from './testing/testLabDeps.ts';
import { syncViewWithUrl } from './viewSlice.ts';

function storeAt(href: string) {
  const store = createLabStore(testLabDeps());
  syncViewWithUrl(store, { location: { href }, addEventListener: () => {} });
  return store;
}

describe('settings fixed by the link', () => {
  it('are refused by the store with a message naming them; the others change', () => {
    const store = storeAt('http://x.test/?cells=experiment&fixed=hidden,scaling');
    expect(store.getState().view).toEqual({ cells: ['experiment'], fixed: ['hiddenSize', 'scaling'], present: false });
    expect(store.getState().setSetting('hiddenSize', 100)).toMatchObject({
      code: 'settingFixed',
      params: { setting: 'hiddenSize' },
      text: 'Hidden size is fixed by the link',
    });
    expect(store.getState().setSetting('scaling', 'none')?.code).toBe('settingFixed');
    expect(store.getState().settings.hiddenSize).toBe(500);
    expect(store.getState().setSetting('keepProb', 0.5)).toBeNull();
    expect(store.getState().settings.keepProb).toBe(0.5);
  });

  it('stay as the link says when a saved run with other values is opened', () => {
    const store = storeAt('http://x.test/?fixed=hidden');
    const run = newRun(
      'run-1',
      { ...defaultSettings(), hiddenSize: 50, keepProb: 0.75 },
      'CIFAR-10 sample (built-in)',
      0,
    );
    store.getState().showRun({ ...run, status: 'done' });
    expect(store.getState().settings.hiddenSize).toBe(500);
    expect(store.getState().settings.keepProb).toBe(0.75);
  });

  it("adds the view's notices to the settings' ones", () => {
    const store = storeAt('http://x.test/?cells=nope');
    expect(store.getState().view.cells).toBeNull();
    expect(store.getState().linkNotice?.map((m) => m.params.problemCode)).toEqual(['viewCellUnknown']);
  });
});
