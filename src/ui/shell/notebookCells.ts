/** The notebook's cells in order, as the table of contents lists them: an anchor (the section's id) and a title key. */
export const NOTEBOOK_CELLS = [
  { anchor: 'cell-forward', titleKey: 'forward.title', index: 1 },
  { anchor: 'cell-backward', titleKey: 'backward.title', index: 2 },
  { anchor: 'cell-net', titleKey: 'net.title', index: 3 },
  { anchor: 'cell-experiment', titleKey: 'experiment.title', index: 4 },
  { anchor: 'cell-runs', titleKey: 'runs.heading', index: null },
  { anchor: 'cell-sweep', titleKey: 'sweep.title', index: 5 },
  { anchor: 'cell-features', titleKey: 'why.features.title', index: 6 },
  { anchor: 'cell-sparsity', titleKey: 'why.sparsity.title', index: 7 },
  { anchor: 'cell-mc', titleKey: 'why.mc.title', index: 8 },
] as const;

export type CellAnchor = (typeof NOTEBOOK_CELLS)[number]['anchor'];
