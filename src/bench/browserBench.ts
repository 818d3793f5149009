import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { TRAIN_FILE, VAL_FILE } from './benchData.ts';
import { systemChromium, systemChromiumArgs } from './chromiumPath.ts';
import { BENCH_OUT_DIR } from './outDir.ts';
import type { Workload } from './workload.ts';

export interface BrowserConfigResult {
  /** The row label in the Results table, e.g. "p = 1 (no dropout)". */
  label: string;
  status: string;
  /** From the Train click until its row in the Results table said "finished" (the store updates at most five times a second). */
  seconds: number;
  finalTrainAcc: number;
  finalValAcc: number;
  bestValAcc: number;
}

export interface BrowserRun {
  /** From the Train click to the status line saying Done (both measured in the page). */
  wallSeconds: number;
  /** Main-thread tasks over 50 ms between the click and Done (PerformanceObserver 'longtask'). */
  longTasks: number;
  longTaskMs: number;
  /** Main-thread busy time (Chromium's TaskDuration) between the click and Done. */
  mainThreadMs: number;
  /** Of which running script, and style + layout. */
  scriptMs: number;
  layoutMs: number;
  /** Messages the page received from its workers between the click and Done. */
  workerMessages: number;
  configs: BrowserConfigResult[];
}

export interface BrowserBench {
  chromium: string;
  kernel: string | null;
  /** The app as a person sees it: charts, mask panel, streaming. */
  runs: BrowserRun[];
  /** Diagnostic runs with parts of the UI hidden, by variant name (see UI_VARIANTS). */
  variantRuns: Record<string, BrowserRun[]>;
  /** The first open, as a new user: the default run (built-in sample) clicked as soon as Train can be pressed. */
  firstOpen: FirstOpen | null;
}

export interface FirstOpen {
  /** From the click to the status line's Done. */
  clickToDoneSeconds: number;
  /** What the status line says of the training time at Done. */
  trainingSeconds: number;
}

/**
 * A fresh page with the default settings (the built-in CIFAR-10 sample, fetched and read by the page itself), Train
 * clicked at once: how far the click to Done is from the training time the status line reports.
 */
async function firstOpen(browser: Browser, baseURL: string): Promise<FirstOpen> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    locale: 'en-US',
    serviceWorkers: 'block',
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(installProbe);
    await page.goto(baseURL);
    const region = page.getByRole('region', { name: 'Regularization experiment' });
    await watchForDone(region);
    await region.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForFunction(() => window.__bench?.doneAt !== null, null, { timeout: 30 * 60_000, polling: 250 });
    const { clickAt, doneAt } = await page.evaluate(() => window.__bench!);
    const status = (await region.getByRole('status').first().textContent()) ?? '';
    const training = /([\d.]+) (s|ms) of training/.exec(status);
    if (clickAt === null || doneAt === null || !training)
      throw new Error(`first open: no Done or no training time in "${status}"`);
    return {
      clickToDoneSeconds: (doneAt - clickAt) / 1000,
      trainingSeconds: Number(training[1]) / (training[2] === 'ms' ? 1000 : 1),
    };
  } finally {
    await context.close();
  }
}

const hide = (charts: string[]) =>
  charts.map((name) => `figure[aria-label="${name}"]`).join(', ') + ' { display: none !important; }';

/**
 * Diagnostic variants: the experiment's Recharts figures (found by their accessible names)
 * hidden with display: none, so they have no size and draw nothing. The difference to the
 * app as shipped is what those charts cost.
 */
export const UI_VARIANTS: Record<string, string> = {
  'accuracy charts hidden': hide(['Train accuracy', 'Validation accuracy', 'Train − val gap']),
  'all charts hidden': hide(['Train accuracy', 'Validation accuracy', 'Train − val gap', 'Loss']),
};

/** What the page records for the benchmark; installed before the app's scripts run. */
interface PageProbe {
  longTasks: [number, number][];
  clickAt: number | null;
  doneAt: number | null;
  /** When each Results row (by its label) first said "finished" after the click. */
  finishedAt: Record<string, number>;
  /** Arrival times of worker messages. */
  workerMessages: number[];
}

declare global {
  interface Window {
    __bench?: PageProbe;
  }
}

const APP_OUT_DIR = join(BENCH_OUT_DIR, 'app');

/**
 * Builds the app as `npm run build` does (its own vite.config.ts), into the benchmark's cache
 * folder; unminified when profiling, so a CPU profile names the app's functions.
 */
export async function buildApp(options: { minify?: boolean } = {}, root = resolve('.')): Promise<string> {
  const outDir = resolve(root, APP_OUT_DIR);
  await build({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, ...(options.minify === false ? { minify: false } : {}) },
  });
  return outDir;
}

export async function serveApp(outDir: string, root = resolve('.')): Promise<PreviewServer> {
  return preview({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 4273, strictPort: false, open: false },
  });
}

export function installProbe(): void {
  const probe: PageProbe = { longTasks: [], clickAt: null, doneAt: null, finishedAt: {}, workerMessages: [] };
  window.__bench = probe;
  // Count what the workers send (the app's own listeners are untouched).
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', () => probe.workerMessages.push(performance.now()));
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // The click's own time, before the app handles it (capture phase on the document).
  document.addEventListener(
    'click',
    (e) => {
      const button = (e.target as Element | null)?.closest?.('button');
      if (button?.textContent?.trim() === 'Train') {
        probe.clickAt = performance.now();
        probe.doneAt = null;
        probe.finishedAt = {};
      }
    },
    true,
  );
}

/** Records (in the page) when the region's status line first says Done after the click. */
export async function watchForDone(region: Locator): Promise<void> {
  await region.evaluate((el) => {
    const probe = window.__bench!;
    const look = () => {
      if (probe.clickAt === null || probe.doneAt !== null) return;
      const now = performance.now();
      for (const row of el.querySelectorAll('table[aria-label="Results"] tbody tr')) {
        const label = row.querySelector('th')?.textContent ?? '';
        if (!(label in probe.finishedAt) && row.querySelector('td')?.textContent === 'finished')
          probe.finishedAt[label] = now;
      }
      if (el.querySelector('[role="status"]')?.textContent?.startsWith('Done')) probe.doneAt = now;
    };
    new MutationObserver(look).observe(el, { subtree: true, childList: true, characterData: true });
  });
}

const number = (text: string) => Number.parseFloat(text);

async function readResults(
  region: Locator,
  clickAt: number,
  finishedAt: Record<string, number>,
): Promise<BrowserConfigResult[]> {
  const rows = await region
    .getByRole('table', { name: 'Results' })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent ?? '')));
  return rows.map(([label, status, train, val, best]) => ({
    label,
    status,
    seconds: label in finishedAt ? (finishedAt[label] - clickAt) / 1000 : NaN,
    finalTrainAcc: number(train),
    finalValAcc: number(val),
    bestValAcc: number(best),
  }));
}

async function setNumber(region: Locator, name: string, value: number): Promise<void> {
  await region.getByRole('spinbutton', { name }).fill(String(value));
}

/** Sets W's settings through the UI's fields and loads the CIFAR-10 files through its file control. */
export async function prepare(page: Page, region: Locator, w: Workload, dataDir: string): Promise<void> {
  await region.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'CIFAR-10 (your files)' });
  await region.getByLabel('Load CIFAR-10').setInputFiles([join(dataDir, TRAIN_FILE), join(dataDir, VAL_FILE)]);
  await region
    .getByText(/Active dataset/)
    .filter({ hasText: 'test images' })
    .waitFor({ timeout: 60_000 });
  await region.getByRole('slider', { name: 'Keep probability' }).fill(String(w.keepProb));
  await setNumber(region, 'Hidden size', w.hiddenSize);
  await setNumber(region, 'Training examples', w.numTrain);
  await setNumber(region, 'Epochs', w.epochs);
  await setNumber(region, 'Batch size', w.batchSize);
  await setNumber(region, 'Learning rate', w.learningRate);
  await setNumber(region, 'Weight scale', w.weightScale);
  await setNumber(region, 'Seed', w.seed);
  await region.getByRole('combobox', { name: 'Update rule' }).selectOption({ label: 'Adam' });
  await region.getByRole('combobox', { name: 'Compute' }).selectOption(w.kernels);
  const alerts = await region.getByRole('alert').allTextContents();
  if (alerts.length) throw new Error(`the app refused the benchmark's settings: ${alerts.join(' | ')}`);
  await page.waitForTimeout(200);
}

export async function oneRun(
  page: Page,
  region: Locator,
  timeoutMs: number,
  cpuProfile: string | null,
): Promise<BrowserRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (cpuProfile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(list.map((m) => [m.name, m.value]));
  };
  const before = await metrics();
  await region.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(() => window.__bench?.doneAt !== null, null, { timeout: timeoutMs, polling: 250 });
  const after = await metrics();
  if (cpuProfile) writeFileSync(cpuProfile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  await cdp.detach();
  const { clickAt, doneAt, longTasks, workerMessages, finishedAt } = await page.evaluate(() => window.__bench!);
  if (clickAt === null || doneAt === null) throw new Error('the page did not record the run');
  const during = longTasks.filter(([start]) => start >= clickAt && start <= doneAt);
  const delta = (name: string) => 1000 * ((after[name] ?? 0) - (before[name] ?? 0));
  const configs = await readResults(region, clickAt, finishedAt);
  const unfinished = configs.filter((c) => c.status !== 'finished');
  if (unfinished.length)
    throw new Error(`a configuration did not finish: ${unfinished.map((c) => `${c.label}: ${c.status}`).join('; ')}`);
  return {
    wallSeconds: (doneAt - clickAt) / 1000,
    longTasks: during.length,
    longTaskMs: during.reduce((s, [, d]) => s + d, 0),
    mainThreadMs: delta('TaskDuration'),
    scriptMs: delta('ScriptDuration'),
    layoutMs: delta('LayoutDuration') + delta('RecalcStyleDuration'),
    workerMessages: workerMessages.filter((t) => t >= clickAt && t <= doneAt).length,
    configs,
  };
}

/**
 * Runs W `reps` times in headless Chromium through the built app: the dataset chosen and
 * loaded through the UI, the settings typed into its fields, Train clicked, until the
 * status line says Done. Charts, the mask panel and streaming stay on, as for a person.
 */
export interface BrowserBenchOptions {
  /** Write a CPU profile of the page's main thread for each run here (run-N.cpuprofile; open in Chrome DevTools). */
  cpuProfileDir?: string | null;
  /** Also run each repetition in the UI_VARIANTS (interleaved with the normal runs). */
  uiVariants?: boolean;
  /** variant: null for the app as shipped. */
  onRun?: (run: BrowserRun, rep: number, variant: string | null) => void;
}

export async function runBrowserWorkload(
  baseURL: string,
  w: Workload,
  dataDir: string,
  reps: number,
  options: BrowserBenchOptions = {},
): Promise<BrowserBench> {
  const executablePath = systemChromium();
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath, args: systemChromiumArgs(executablePath) });
    // The bench drives the English labels; no service worker (its precaching of 14 MB would run beside the timed work).
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      locale: 'en-US',
      serviceWorkers: 'block',
    });
    await page.addInitScript(installProbe);
    await page.goto(baseURL);
    const region = page.getByRole('region', { name: 'Regularization experiment' });
    await prepare(page, region, w, dataDir);
    await watchForDone(region);
    const runs: BrowserRun[] = [];
    const variantRuns: Record<string, BrowserRun[]> = {};
    for (let rep = 0; rep < reps; rep++) {
      const profile = (variant: string) =>
        options.cpuProfileDir ? join(options.cpuProfileDir, `run-${rep + 1}${variant}.cpuprofile`) : null;
      const run = await oneRun(page, region, 30 * 60_000, profile(''));
      runs.push(run);
      options.onRun?.(run, rep, null);
      for (const [variant, css] of Object.entries(options.uiVariants ? UI_VARIANTS : {})) {
        const style = await page.addStyleTag({ content: css });
        const diagnostic = await oneRun(page, region, 30 * 60_000, profile(`-${variant.replaceAll(' ', '-')}`));
        await style.evaluate((el) => (el as Element).remove());
        (variantRuns[variant] ??= []).push(diagnostic);
        options.onRun?.(diagnostic, rep, variant);
      }
    }
    const kernelText = await region
      .getByText(/matrix products:/)
      .first()
      .textContent()
      .catch(() => null);
    const first = await firstOpen(browser, baseURL);
    return {
      chromium: browser.version(),
      kernel: kernelText?.replace(/.*matrix products:\s*/, '').trim() ?? null,
      runs,
      variantRuns,
      firstOpen: first,
    };
  } finally {
    await browser?.close();
  }
}
