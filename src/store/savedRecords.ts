import type { DropoutScaling } from '../core/layers.ts';
import type { AccuracyFigures } from '../worker/trainProtocol.ts';
import type { ConfigFigures, ConfigRun, RunStatus } from './runState.ts';
import type { RunSettings } from './settingsSchema.ts';
import type { SweepAxis, SweepCellJob } from './sweepGrid.ts';

/**
 * The records that outlive a page: a run and a sweep as they are saved in the browser and exported. Their shapes are
 * the saved files' format (older files must still read), so they live apart from the slices that make them.
 */

/** A finished, stopped or failed run as it is saved in the browser and exported. */
export interface SavedRun {
  id: string;
  name: string;
  /** When it was saved (ms since 1970). */
  savedAt: number;
  settings: RunSettings;
  /** The same as settings.seed; repeated because it is what people look for. */
  seed: number;
  datasetName: string;
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  /** Full histories: lossHistory per iteration and every accuracy check. */
  configs: ConfigRun[];
  /** One per configuration with at least one check. */
  figures: ConfigFigures[];
  /**
   * Present while the name is the one the app made (not renamed): the name shown is then made again in the page's
   * language (savedRunName), with this number when an earlier run had the same settings. Runs saved before it have
   * none and keep their name as it was made.
   */
  autoName?: { ordinal: number };
  /** Train was pressed while it went: a new run took its place. */
  replaced?: boolean;
}

export type SweepJobStatus = 'queued' | 'running' | 'finished' | 'diverged' | 'failed' | 'stopped';
export type SweepStatus = 'running' | 'done' | 'stopped' | 'failed';

/** One cell of the sweep: a full run with this p and row of the axis, and what it reached. */
export interface SweepJobResult extends SweepCellJob {
  status: SweepJobStatus;
  /** What the run reached; null until it ends, and for a run that measured nothing. */
  figures: AccuracyFigures | null;
  message: string | null;
}

export interface SweepState {
  sweepId: string;
  /** The experiment's settings when the sweep started; each job replaces keepProb, hiddenSize and numTrain. */
  settings: RunSettings;
  scaling: DropoutScaling;
  datasetName: string;
  /** What the rows vary: hidden size, training examples, or the expected kept units p·n. */
  axis: SweepAxis;
  keepProbs: number[];
  /** The axis's values, ascending. */
  rows: number[];
  status: SweepStatus;
  workers: number;
  startedAt: number;
  endedAt: number | null;
  /** Row-major: rows, then keep probabilities. */
  jobs: SweepJobResult[];
  /** How many examples each run validated on: the size of an accuracy's noise (its standard error) follows from it. */
  numVal: number;
}

/** A sweep that has ended, as it is saved in the browser and exported: the grid, the settings and every run's figures. */
export interface SavedSweep extends SweepState {
  id: string;
  name: string;
  savedAt: number;
}
