import { useCallback, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { activeDatasetLoad } from '../../store/experimentSlice.ts';
import { useLab } from '../../store/index.ts';
import { AXIS_LIST } from '../../store/sweepGrid.ts';
import { Cell } from '../shell/Cell.tsx';
import { SavedSweeps } from './SavedSweeps.tsx';
import { useMessageText } from '../i18n/messageText.ts';
import { readSweep } from './sweepReading.ts';
import { Formulas } from '../formulas/Formulas.tsx';
import { AxisChoice, ListField } from './SweepControls.tsx';
import { SettingsLine, SweepStatusLine } from './SweepStatus.tsx';
import { SweepChart } from './SweepChart.tsx';
import { SweepTable } from './SweepTable.tsx';

export function SweepCell() {
  const sweep = useLab((s) => s.sweep);
  const sweepError = useLab((s) => s.sweepError);
  const loading = useLab((s) => activeDatasetLoad(s) !== null);
  const startSweep = useLab((s) => s.startSweep);
  const stopSweep = useLab((s) => s.stopSweep);
  const axis = useLab((s) => s.sweepAxis);
  const runs = useLab((s) => s.sweepLists.keepProbs.length * s.sweepLists[AXIS_LIST[s.sweepAxis]].length);
  const running = sweep?.status === 'running';
  const runSweep = useCallback(() => void startSweep(), [startSweep]);
  const { t } = useTranslation();
  const reading = useMemo(() => (sweep ? readSweep(sweep, t) : null), [sweep, t]);
  const messages = useMessageText();
  return (
    <Cell
      index={5}
      anchor="cell-sweep"
      runAction={runSweep}
      title={t('sweep.title')}
      status={running ? 'running' : 'idle'}
      intro={
        <>
          <p>
            <Trans i18nKey="sweep.intro" components={RICH_TEXT} />
          </p>
          <Formulas keys={['fixedPn']} />
        </>
      }
      controls={
        <>
          <AxisChoice disabled={running} />
          <ListField list="keepProbs" />
          <ListField key={axis} list={AXIS_LIST[axis]} />
          <div className="run-controls" role="group" aria-label={t('sweep.controls')}>
            <button type="button" className="primary" onClick={() => void startSweep()} disabled={loading}>
              {t('sweep.run', { count: runs })}
            </button>
            <button type="button" onClick={stopSweep} disabled={!running}>
              {t('sweep.stop')}
            </button>
          </div>
        </>
      }
    >
      {sweepError && (
        <p role="alert" className="error">
          {messages.join(sweepError)}
        </p>
      )}
      {sweep && (
        <>
          <SweepStatusLine sweep={sweep} />
          <SettingsLine sweep={sweep} />
          <div className="charts">
            <SweepChart sweep={sweep} metric="bestValAcc" />
            <SweepChart sweep={sweep} metric="gap" />
          </div>
          <SweepTable sweep={sweep} />
          {reading && (
            <div role="note" aria-label={t('sweep.readingLabel')} className="run-reading">
              <p className="reading">{reading}</p>
            </div>
          )}
        </>
      )}
      <SavedSweeps />
    </Cell>
  );
}
