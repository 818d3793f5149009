import { describe, expect, it } from 'vitest';
import { SETTING_KEYS } from './settingsSchema.ts';
import { urlWithView, viewFromSearch, WHOLE_NOTEBOOK } from './viewSchema.ts';

describe('the view a link asks for', () => {
  it('reads chosen cells in the notebook order; the mask panel brings the experiment', () => {
    expect(viewFromSearch('?cells=mask').view.cells).toEqual(['experiment', 'mask']);
    expect(viewFromSearch('?cells=sweep,forward').view.cells).toEqual(['forward', 'sweep']);
    expect(viewFromSearch('').view).toEqual(WHOLE_NOTEBOOK);
  });

  it('names every value it does not use, and keeps the good ones', () => {
    const { view, ignoredMessages } = viewFromSearch('?cells=experiment,chart&fixed=p,size&present=yes');
    expect(view).toEqual({ cells: ['experiment'], fixed: ['keepProb'], present: false });
    expect(ignoredMessages.map((m) => m.text)).toEqual([
      'cells=chart (not a cell of the notebook: one of forward, backward, net, experiment, mask, runs, sweep, features, sparsity, mc)',
      expect.stringMatching(/^fixed=size \(not a setting: one of all, p, hidden, /),
      'present=yes (present is 1 (the presentation view) or 0)',
    ]);
    expect(ignoredMessages.map((m) => m.params.problemCode)).toEqual([
      'viewCellUnknown',
      'viewFixedUnknown',
      'viewPresentBad',
    ]);
    expect(viewFromSearch('?cells=,').ignoredMessages[0].params.problemCode).toBe('viewCellsEmpty');
  });

  it('fixes every setting with "all", and writes it back that way', () => {
    const { view } = viewFromSearch('?fixed=all');
    expect(view.fixed).toEqual(SETTING_KEYS);
    expect(
      urlWithView(
        'http://x.test/?p=0.5&cells=forward#a',
        { ...view, cells: ['experiment', 'mask'] },
        '#cell-experiment',
      ),
    ).toBe('http://x.test/?p=0.5&cells=experiment%2Cmask&fixed=all#cell-experiment');
  });

  it('goes back to the whole notebook with the settings kept', () => {
    expect(
      urlWithView(
        'http://x.test/?v=1&p=0.5&cells=experiment&fixed=hidden&present=1&lang=en',
        WHOLE_NOTEBOOK,
        '#cell-experiment',
      ),
    ).toBe('http://x.test/?v=1&p=0.5&lang=en#cell-experiment');
  });
});
