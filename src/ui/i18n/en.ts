/**
 * The English messages: every string a person sees or hears. ICU message syntax
 * ({name}, {count, plural, …}); tags such as <code>…</code> are filled in by <Trans>.
 * zh-CN.ts must have the same keys and placeholders (a type and a unit test say so).
 */
export const en = {
  app: {
    title: 'Dropout Lab',
    intro:
      "Stanford CS231n's dropout assignment as a notebook you can run: read each cell top to bottom and press its Run button. Everything is computed in your browser, off the main thread.",
    language: 'Language',
  },
  cell: {
    run: 'Run',
    running: 'Running…',
    ranIn: 'ran in {time}',
  },
  errorBoundary: {
    message: 'Something went wrong while drawing {what}: {message}. The rest of the notebook still works, and nothing you measured was lost.',
    retry: 'Try again',
    forward: 'the forward-pass cell',
    backward: 'the backward-pass cell',
    net: 'the net cell',
    experiment: 'the regularization experiment',
    runs: 'the runs panel',
    sweep: 'the sweep',
  },
  scaling: {
    legend: 'Scaling',
    inverted: 'Inverted dropout (divide by p)',
    none: 'No scaling',
    vanilla: 'Vanilla dropout',
    invertedShort: 'inverted',
    noneShort: 'no scaling',
    vanillaShort: 'vanilla',
  },
  forward: {
    title: 'Dropout forward pass',
    intro:
      'In train mode each unit is kept with probability <var>p</var> (the <em>keep</em> probability) and kept units are divided by <var>p</var>; in test mode the layer passes its input through. The check feeds <code>x = randn(500, 500) + 10</code> through both modes: the train-time mean should match the input mean and about <var>1 − p</var> of the outputs should be zero.',
    tableLabel: 'Dropout forward pass results',
    inputMean: 'Input mean',
    trainMean: 'Train-time mean',
    testMean: 'Test-time mean',
    testOverTrain: 'Test / train',
    zerosTrain: 'Zeros at train',
    zerosTest: 'Zeros at test',
    noteInverted:
      'Train-time and test-time means agree: dividing by p at train time keeps the expected activation the same, so test time needs no change.',
    noteNone:
      'Without scaling, the train-time mean is about p times the test-time mean: at test time the next layer sees activations about 1/p times larger than it was trained on.',
    noteVanilla:
      'Vanilla dropout does not scale at train time and multiplies by p at test time instead: the means agree again, at the price of extra work at test time.',
  },
  backward: {
    title: 'Dropout backward pass',
    intro:
      'The backward pass routes the upstream gradient through the same mask: <code>dx = dout * mask</code>. The check compares it with a centred-difference numerical gradient on <code>x = randn(10, 10) + 10</code> with <var>p</var> = 0.2 in float64; the relative error should be tiny (the assignment prints about 1e-11).',
    dxRelError: 'dx relative error',
  },
  net: {
    title: 'Fully-connected net with dropout',
    intro:
      "A net <code>'{'affine – ReLU – dropout'}' × 2 – affine – softmax</code> with N, D, H1, H2, C = 2, 15, 20, 30, 10, weight scale 5e-2, float64 and a fixed mask seed. For each keep probability: the initial loss (about ln 10 ≈ 2.30 for small random weights) and the relative error of every parameter's gradient (below 1e-4 means the backward pass is right).",
    tableLabel: 'Gradient check results',
    dropout: 'Dropout (keep p)',
    initialLoss: 'Initial loss',
    relError: '{name} rel. error',
  },
} as const;

/** The shape every catalogue has: the same keys, with strings at the leaves. */
export type Catalogue<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
