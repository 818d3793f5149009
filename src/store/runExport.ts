import type { AccuracyCheck } from '../core/solver.ts';
import { CONFIG_IDS, CONFIG_OUTCOMES, type ConfigSummary } from '../worker/trainProtocol.ts';
import {
  CONFIG_STATUSES,
  ENDED_RUN_STATUSES,
  RUN_STATUSES,
  configFigures,
  type ConfigFigures,
  type ConfigRun,
  type RunStatus,
} from './runState.ts';
import type { SavedRun } from './savedRecords.ts';
import { SETTINGS_VERSION } from './settingsSchema.ts';
import {
  Invalid,
  array,
  bool,
  isRecord,
  nonFiniteAsText,
  num,
  oneOf,
  record,
  settingsOf,
  str,
} from './recordChecks.ts';
import { errorMessage } from '../core/errorMessage.ts';
import { message, type Message } from '../core/message.ts';

/**
 * Saved runs as files: JSON with everything saved (imported back after validation),
 * and CSV for spreadsheets: one file of accuracy checks, one of per-iteration losses.
 */

export const RUN_FILE_FORMAT = 'dropout-lab-runs';
export const RUN_FILE_FORMAT_VERSION = 1;

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  formatVersion: number;
  settingsVersion: number;
  exportedAt: string;
  runs: SavedRun[];
}

export function runsToJson(runs: SavedRun[], exportedAt: Date): string {
  const file: RunFile = {
    format: RUN_FILE_FORMAT,
    formatVersion: RUN_FILE_FORMAT_VERSION,
    settingsVersion: SETTINGS_VERSION,
    exportedAt: exportedAt.toISOString(),
    runs,
  };
  return JSON.stringify(file, nonFiniteAsText, 1);
}

export type ParsedRunFile = { runs: SavedRun[]; error: null } | { runs: null; error: Message };

/** Control characters other than tab, newlines and form feed, or the replacement of undecodable bytes, near the start. */
function looksBinary(text: string): boolean {
  for (let i = 0; i < Math.min(text.length, 512); i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || code < 0x09 || (code > 0x0d && code < 0x20)) return true;
  }
  return false;
}

/** Reads a run file; any problem gives one message naming where it is, and no runs. */
export function parseRunsJson(text: string): ParsedRunFile {
  const fail = (error: Message): ParsedRunFile => ({ runs: null, error });
  // An image or an archive read as text: the parser's own complaint would quote its bytes.
  if (looksBinary(text)) {
    return fail(
      message(
        'importBinary',
        {},
        'This file is not text (an image or another binary file?), so it is not a Dropout Lab run file.',
      ),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    return fail(
      message('importNotJson', { reason }, `This file is not JSON (${reason}), so it is not a Dropout Lab run file.`),
    );
  }
  if (!isRecord(parsed) || parsed.format !== RUN_FILE_FORMAT) {
    return fail(
      message(
        'importNotRunFile',
        { format: RUN_FILE_FORMAT },
        `This is not a Dropout Lab run file: it has no "format": "${RUN_FILE_FORMAT}".`,
      ),
    );
  }
  const { formatVersion, settingsVersion, runs } = parsed;
  if (typeof formatVersion !== 'number' || !Number.isInteger(formatVersion) || formatVersion < 1) {
    return fail(message('importNoVersion', {}, 'This run file has no valid "formatVersion".'));
  }
  if (formatVersion > RUN_FILE_FORMAT_VERSION) {
    const versions = { version: String(formatVersion), reads: String(RUN_FILE_FORMAT_VERSION) };
    return fail(
      message(
        'importNewer',
        versions,
        `This run file has format version ${versions.version}, made by a newer Dropout Lab; this one reads version ${versions.reads}.`,
      ),
    );
  }
  if (
    typeof settingsVersion !== 'number' ||
    !Number.isInteger(settingsVersion) ||
    settingsVersion < 1 ||
    settingsVersion > SETTINGS_VERSION
  ) {
    const versions = { version: String(settingsVersion), reads: String(SETTINGS_VERSION) };
    return fail(
      message(
        'importSettingsVersion',
        versions,
        `This run file's settings version (${versions.version}) is not one this app reads (${versions.reads}).`,
      ),
    );
  }
  if (!Array.isArray(runs) || runs.length === 0)
    return fail(message('importNoRuns', {}, 'This run file contains no runs.'));
  const checked: SavedRun[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = validateSavedRun(runs[i]);
    if (typeof run === 'string') {
      return fail(
        message(
          'importRunInvalid',
          { run: String(i + 1), runs: String(runs.length), detail: run },
          `Run ${i + 1} of ${runs.length} in the file is not valid: ${run}.`,
        ),
      );
    }
    checked.push(run);
  }
  return { runs: checked, error: null };
}

function checkOf(v: unknown, path: string): AccuracyCheck {
  const r = record(v, path);
  const check: AccuracyCheck = {
    iteration: num(r.iteration, `${path}.iteration`, { integer: true, min: 0 }),
    epoch: num(r.epoch, `${path}.epoch`, { integer: true, min: 0 }),
    trainAcc: num(r.trainAcc, `${path}.trainAcc`),
    valAcc: num(r.valAcc, `${path}.valAcc`),
  };
  // Optional: runs saved before checks measured them, or trained on the GPU, have neither.
  if (r.valLoss !== undefined) check.valLoss = num(r.valLoss, `${path}.valLoss`);
  if (r.valConfidence !== undefined) check.valConfidence = num(r.valConfidence, `${path}.valConfidence`);
  return check;
}

function summaryOf(v: unknown, path: string): ConfigSummary | null {
  if (v === null) return null;
  const r = record(v, path);
  return {
    outcome: oneOf(r.outcome, CONFIG_OUTCOMES, `${path}.outcome`),
    iterations: num(r.iterations, `${path}.iterations`, { integer: true, min: 0 }),
    finalTrainAcc: num(r.finalTrainAcc, `${path}.finalTrainAcc`),
    finalValAcc: num(r.finalValAcc, `${path}.finalValAcc`),
    bestValAcc: num(r.bestValAcc, `${path}.bestValAcc`),
    bestEpoch: num(r.bestEpoch, `${path}.bestEpoch`, { integer: true, min: 0 }),
    elapsedMs: num(r.elapsedMs, `${path}.elapsedMs`, { min: 0 }),
    message: r.message === null ? null : str(r.message, `${path}.message`),
  };
}

function configOf(v: unknown, path: string): ConfigRun {
  const r = record(v, path);
  const keepProb = num(r.keepProb, `${path}.keepProb`, { finite: true });
  if (!(keepProb > 0 && keepProb <= 1)) throw new Invalid(`${path}.keepProb must be above 0 and at most 1`);
  return {
    configId: oneOf(r.configId, CONFIG_IDS, `${path}.configId`),
    keepProb,
    label: str(r.label, `${path}.label`),
    status: oneOf(r.status, CONFIG_STATUSES, `${path}.status`),
    numIterations: num(r.numIterations, `${path}.numIterations`, { integer: true, min: 0 }),
    iterationsPerEpoch: num(r.iterationsPerEpoch, `${path}.iterationsPerEpoch`, { integer: true, min: 0 }),
    kernel: r.kernel === null ? null : str(r.kernel, `${path}.kernel`),
    iteration: num(r.iteration, `${path}.iteration`, { integer: true, min: 0 }),
    epoch: num(r.epoch, `${path}.epoch`, { integer: true, min: 0 }),
    elapsedMs: num(r.elapsedMs, `${path}.elapsedMs`, { min: 0 }),
    lossHistory: array(r.lossHistory, `${path}.lossHistory`).map((x, i) => num(x, `${path}.lossHistory[${i}]`)),
    checks: array(r.checks, `${path}.checks`).map((x, i) => checkOf(x, `${path}.checks[${i}]`)),
    summary: summaryOf(r.summary, `${path}.summary`),
    message: r.message === null ? null : str(r.message, `${path}.message`),
  };
}

/**
 * A saved run checked field by field (from an imported file or the browser's storage):
 * the run, or a message naming the first problem. Figures are recomputed from the
 * histories, so they always agree with them.
 */
export function validateSavedRun(value: unknown): SavedRun | string {
  try {
    const r = record(value, 'the run');
    const settings = settingsOf(r.settings, 'settings');
    const seed = num(r.seed, 'seed', { integer: true });
    if (seed !== settings.seed) throw new Invalid(`seed (${seed}) differs from settings.seed (${settings.seed})`);
    const id = str(r.id, 'id');
    if (id.trim() === '') throw new Invalid('id is empty');
    const name = str(r.name, 'name');
    if (name.trim() === '') throw new Invalid('name is empty');
    const configs = array(r.configs, 'configs').map((c, i) => configOf(c, `configs[${i}]`));
    if (configs.length === 0) throw new Invalid('configs is empty');
    if (new Set(configs.map((c) => c.configId)).size !== configs.length)
      throw new Invalid('configs has a configuration twice');
    const status = oneOf(r.status, RUN_STATUSES, 'status');
    if (!(ENDED_RUN_STATUSES as readonly RunStatus[]).includes(status))
      throw new Invalid(`status "${status}": only ended runs are saved`);
    return {
      id,
      name,
      savedAt: num(r.savedAt, 'savedAt', { finite: true }),
      settings,
      seed,
      datasetName: str(r.datasetName, 'datasetName'),
      status,
      startedAt: num(r.startedAt, 'startedAt', { finite: true }),
      endedAt: r.endedAt === null ? null : num(r.endedAt, 'endedAt', { finite: true }),
      configs,
      figures: configs.map(configFigures).filter((f): f is ConfigFigures => f !== null),
      // Both are newer than the format's first runs, which have neither.
      ...(r.autoName === undefined
        ? {}
        : {
            autoName: {
              ordinal: num(record(r.autoName, 'autoName').ordinal, 'autoName.ordinal', { integer: true, min: 1 }),
            },
          }),
      ...(r.replaced === undefined ? {} : { replaced: bool(r.replaced, 'replaced') }),
    };
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One row per accuracy check: run, configuration, epoch, iteration, train and validation accuracy. */
export function checksCsv(runs: SavedRun[]): string {
  const rows = runs.flatMap((run) =>
    run.configs.flatMap((c) =>
      c.checks.map((k) => [run.id, run.name, c.configId, c.keepProb, k.epoch, k.iteration, k.trainAcc, k.valAcc]),
    ),
  );
  return csv(['run', 'run_name', 'configuration', 'keep_prob', 'epoch', 'iteration', 'train_acc', 'val_acc'], rows);
}

/** One row per training iteration: the minibatch loss. */
export function lossCsv(runs: SavedRun[]): string {
  const rows = runs.flatMap((run) =>
    run.configs.flatMap((c) => c.lossHistory.map((loss, i) => [run.id, run.name, c.configId, c.keepProb, i + 1, loss])),
  );
  return csv(['run', 'run_name', 'configuration', 'keep_prob', 'iteration', 'loss'], rows);
}

/** A name as a file-name part: lower-case letters, digits and dots, dashes between, at most 60 characters (may be empty). */
export function fileSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** A file name stem for these runs: `dropout-lab-<run name>` or `dropout-lab-3-runs`. */
export function exportFileStem(runs: SavedRun[]): string {
  if (runs.length !== 1) return `dropout-lab-${runs.length}-runs`;
  return `dropout-lab-${fileSlug(runs[0].name) || runs[0].id}`;
}
