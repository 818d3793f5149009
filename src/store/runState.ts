import type { DropoutScaling } from '../core/layers.ts';
import type { AccuracyCheck } from '../core/solver.ts';
import type {
  AccuracyFigures,
  ConfigId,
  ConfigSummary,
  FromTrainWorker,
  TrainConfig,
} from '../worker/trainProtocol.ts';
import type { RunSettings } from './settingsSchema.ts';

export const CONFIG_STATUSES = ['starting', 'training', 'finished', 'diverged', 'failed', 'stopped'] as const;
export type ConfigStatus = (typeof CONFIG_STATUSES)[number];
export const RUN_STATUSES = ['training', 'paused', 'done', 'stopped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** The statuses of a run that has ended: only such runs are saved. */
export const ENDED_RUN_STATUSES = ['done', 'stopped', 'failed'] as const satisfies readonly RunStatus[];

export interface ConfigRun {
  configId: ConfigId;
  keepProb: number;
  label: string;
  status: ConfigStatus;
  numIterations: number;
  iterationsPerEpoch: number;
  /** Which matrix-product kernels the worker uses. */
  kernel: string | null;
  iteration: number;
  epoch: number;
  elapsedMs: number;
  lossHistory: number[];
  checks: AccuracyCheck[];
  summary: ConfigSummary | null;
  message: string | null;
}

export interface RunState {
  runId: string;
  settings: RunSettings;
  datasetName: string;
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  configs: ConfigRun[];
  /** Train was pressed while it went: it was stopped and a new run took its place. */
  replaced?: boolean;
}

const TERMINAL: readonly ConfigStatus[] = ['finished', 'diverged', 'failed', 'stopped'];
export const isTerminal = (s: ConfigStatus) => TERMINAL.includes(s);

export function configLabel(keepProb: number): string {
  return keepProb === 1 ? 'p = 1 (no dropout)' : `p = ${keepProb}`;
}

/** One configuration a run trains: what the worker needs (id, p, scaling) and what the charts call it. */
export interface ConfigPlan {
  configId: ConfigId;
  keepProb: number;
  scaling: DropoutScaling;
  label: string;
}

const SCALING_SUFFIX: Record<DropoutScaling, string> = {
  inverted: 'inverted',
  none: 'no scaling',
  vanilla: 'vanilla',
  gaussian: 'Gaussian',
};

/**
 * p = 1 and the chosen p with the chosen scaling; when that scaling is not inverted dropout, also the chosen p with
 * inverted dropout, so the answer to "what if we do not divide by p?" sits beside the assignment's. At p = 1 scaling
 * changes nothing, so no third configuration.
 */
export function runConfigs(settings: RunSettings): ConfigPlan[] {
  const p = settings.keepProb;
  const baseline: ConfigPlan = { configId: 'baseline', keepProb: 1, scaling: 'inverted', label: configLabel(1) };
  if (settings.scaling === 'inverted' || p === 1) {
    return [baseline, { configId: 'dropout', keepProb: p, scaling: settings.scaling, label: configLabel(p) }];
  }
  return [
    baseline,
    {
      configId: 'dropout',
      keepProb: p,
      scaling: settings.scaling,
      label: `${configLabel(p)} (${SCALING_SUFFIX[settings.scaling]})`,
    },
    { configId: 'inverted', keepProb: p, scaling: 'inverted', label: `${configLabel(p)} (${SCALING_SUFFIX.inverted})` },
  ];
}

/** What a configuration's worker streams besides its losses and checks. */
export type ConfigStreams = Pick<TrainConfig, 'streamMasks' | 'insight'>;

/** What the worker of one configuration needs, from the person's settings. */
export function trainConfig(
  settings: RunSettings,
  plan: Pick<ConfigPlan, 'keepProb' | 'scaling'>,
  streams: ConfigStreams,
): TrainConfig {
  const {
    hiddenSize,
    hiddenLayers,
    numTrain,
    epochs,
    batchSize,
    learningRate,
    weightScale,
    seed,
    updateRule,
    kernels,
    model,
  } = settings;
  return {
    keepProb: plan.keepProb,
    scaling: plan.scaling,
    ...streams,
    hiddenSize,
    hiddenLayers,
    numTrain,
    epochs,
    batchSize,
    learningRate,
    weightScale,
    seed,
    updateRule,
    kernels,
    model,
  };
}

/** The experiment's streams for one configuration: only 'dropout' streams its masks (to the mask panel); every one its insight. */
export const experimentStreams = (configId: ConfigId): ConfigStreams => ({
  streamMasks: configId === 'dropout',
  insight: true,
});

/** The experiment's configurations as the workers get them. */
export function runTrainConfigs(settings: RunSettings): { configId: ConfigId; config: TrainConfig }[] {
  return runConfigs(settings).map((plan) => ({
    configId: plan.configId,
    config: trainConfig(settings, plan, experimentStreams(plan.configId)),
  }));
}

/** The configurations a run with these settings trains, before anything is measured. */
export function plannedConfigs(settings: RunSettings): ConfigRun[] {
  return runConfigs(settings).map(({ configId, keepProb, label }) => ({
    configId,
    keepProb,
    label,
    status: 'starting',
    numIterations: 0,
    iterationsPerEpoch: 0,
    kernel: null,
    iteration: 0,
    epoch: 0,
    elapsedMs: 0,
    lossHistory: [],
    checks: [],
    summary: null,
    message: null,
  }));
}

export function newRun(runId: string, settings: RunSettings, datasetName: string, startedAt: number): RunState {
  return {
    runId,
    settings,
    datasetName,
    status: 'training',
    startedAt,
    endedAt: null,
    configs: plannedConfigs(settings),
  };
}

/** Applies a batch of worker messages to a run; messages of other runs are dropped. Pure. */
export function applyTrainMessages(run: RunState, messages: FromTrainWorker[], now: number): RunState {
  const mine = messages.filter((m) => m.runId === run.runId);
  if (mine.length === 0) return run;
  const configs = run.configs.map((c) => ({ ...c }));
  const byId = (id: ConfigId) => configs.find((c) => c.configId === id)!;
  const lossAppends = new Map<ConfigId, number[]>();
  for (const m of mine) {
    const c = byId(m.configId);
    if (!c || isTerminal(c.status)) continue;
    switch (m.type) {
      case 'ready':
        c.status = 'training';
        c.numIterations = m.numIterations;
        c.iterationsPerEpoch = m.iterationsPerEpoch;
        c.kernel = m.kernel;
        break;
      case 'progress': {
        let appended = lossAppends.get(c.configId);
        if (!appended) lossAppends.set(c.configId, (appended = []));
        // Iterations are 1-based; ignore anything that would leave a gap or repeat.
        const expected = c.lossHistory.length + appended.length + 1;
        if (m.firstIteration === expected) appended.push(...m.losses);
        c.iteration = m.firstIteration + m.losses.length - 1;
        c.epoch = m.epoch;
        c.elapsedMs = m.elapsedMs;
        break;
      }
      case 'check':
        c.checks = [...c.checks, m.check];
        break;
      case 'done':
        c.status = m.summary.outcome === 'diverged' ? 'diverged' : 'finished';
        c.summary = m.summary;
        c.message = m.summary.message;
        c.elapsedMs = m.summary.elapsedMs;
        c.iteration = m.summary.iterations;
        break;
      case 'error':
        c.status = 'failed';
        c.message = m.message;
        break;
      case 'mask':
      case 'features':
      case 'insight':
        break;
    }
  }
  for (const [id, losses] of lossAppends) {
    const c = byId(id);
    c.lossHistory = [...c.lossHistory, ...losses];
  }
  return withDerivedStatus({ ...run, configs }, now);
}

function withDerivedStatus(run: RunState, now: number): RunState {
  if (!run.configs.every((c) => isTerminal(c.status))) return run;
  if (run.status === 'stopped' || run.status === 'failed' || run.status === 'done') return run;
  const failed = run.configs.some((c) => c.status === 'failed');
  return { ...run, status: failed ? 'failed' : 'done', endedAt: now };
}

/** Stop: every configuration still going keeps what it measured and is marked stopped. */
export function stopRun(run: RunState, now: number): RunState {
  if (run.status === 'done' || run.status === 'failed' || run.status === 'stopped') return run;
  return {
    ...run,
    status: 'stopped',
    endedAt: now,
    configs: run.configs.map((c) => (isTerminal(c.status) ? c : { ...c, status: 'stopped' })),
  };
}

export function isActive(run: RunState | null): boolean {
  return !!run && (run.status === 'training' || run.status === 'paused');
}

/** Final and best figures of one configuration, from its accuracy checks. */
export interface ConfigFigures extends AccuracyFigures {
  configId: ConfigId;
  /** Final train accuracy minus final validation accuracy. */
  gap: number;
}

/** Final, best and gap figures from the checks so far (a stopped run keeps what it measured). */
export function configFigures(c: ConfigRun): ConfigFigures | null {
  const last = c.checks.at(-1);
  if (!last) return null;
  let best = c.checks[0];
  for (const check of c.checks) if (check.valAcc > best.valAcc) best = check;
  return {
    configId: c.configId,
    finalTrainAcc: last.trainAcc,
    finalValAcc: last.valAcc,
    bestValAcc: best.valAcc,
    bestEpoch: best.epoch,
    gap: last.trainAcc - last.valAcc,
  };
}
