import type { TFunction } from 'i18next';
import { configFigures } from '../../store/runState.ts';
import type { SavedRun } from '../../store/savedRuns.ts';
import { configLabel } from '../settings/configLabel.ts';
import { fixed } from '../i18n/format.ts';
import type { RunCaption } from './pngCaption.ts';
import { CONFIG_STATUS_KEYS } from '../experiment/ResultsTable.tsx';
import { settingsText } from './RunSettingsLine.tsx';

/** A run's caption for Export PNG, in the reader's language: its name, settings line, seed and Results table. */
export function runCaption(t: TFunction, run: SavedRun, datasetName: string): RunCaption {
  const header = [
    t('results.configuration'),
    t('results.status'),
    t('results.finalTrain'),
    t('results.finalVal'),
    t('results.bestVal'),
    t('results.gap'),
  ];
  const rows = run.configs.map((c) => {
    const f = configFigures(c);
    return [
      configLabel(t, c.configId, c.keepProb, run.settings.scaling),
      t(CONFIG_STATUS_KEYS[c.status]),
      f ? fixed(f.finalTrainAcc, 3) : '—',
      f ? fixed(f.finalValAcc, 3) : '—',
      f ? t('results.bestAt', { value: fixed(f.bestValAcc, 3), epoch: f.bestEpoch }) : '—',
      f ? fixed(f.gap, 3) : '—',
    ];
  });
  return {
    title: run.name,
    lines: [
      t('export.trainedWith', { settings: settingsText(t, run.settings, datasetName) }),
      t('export.pngSeed', { seed: String(run.seed) }),
    ],
    table: { header, rows },
  };
}
