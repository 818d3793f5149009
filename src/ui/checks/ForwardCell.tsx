import { Trans, useTranslation } from 'react-i18next';
import type { DropoutScaling } from '../../core/layers.ts';
import { useLab } from '../../store/index.ts';
import { Cell } from '../shell/Cell.tsx';
import { fixed } from '../i18n/format.ts';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { SCALING_KEYS, ScalingToggle } from '../settings/ScalingToggle.tsx';
import { Formulas } from '../formulas/Formulas.tsx';

const SCALING_NOTES = {
  inverted: 'forward.noteInverted',
  none: 'forward.noteNone',
  vanilla: 'forward.noteVanilla',
  gaussian: 'forward.noteGaussian',
} as const;

/** Var(out / x) of each scaling's train-time multiplier: 0 or 1/p, 0 or 1, or 1 + sqrt((1 - p) / p) z. */
function expectedMaskVariance(scaling: DropoutScaling, p: number): number {
  return scaling === 'inverted' || scaling === 'gaussian' ? (1 - p) / p : p * (1 - p);
}

export function ForwardCell() {
  const cell = useLab((s) => s.forwardCell);
  const scaling = useLab((s) => s.forwardScaling);
  const setScaling = useLab((s) => s.setForwardScaling);
  const run = useLab((s) => s.runForwardCheck);
  const { t } = useTranslation();
  const result = cell.result;
  // Column names, also each cell's label where the table becomes stacked cards (phones).
  const columns = [
    'p',
    t('forward.inputMean'),
    t('forward.trainMean'),
    t('forward.testMean'),
    t('forward.testOverTrain'),
    t('forward.zerosTrain'),
    t('forward.zerosTest'),
    t('forward.maskVariance'),
    t('forward.expectedVariance'),
  ];
  return (
    <Cell
      index={1}
      anchor="cell-forward"
      title={t('forward.title')}
      intro={
        <>
          <p>
            <Trans i18nKey="forward.intro" components={RICH_TEXT} />
          </p>
          <Formulas keys={['trainForward', 'testForward', 'expectation', 'vanillaTrain', 'vanillaTest', 'gaussian']} />
        </>
      }
      onRun={() => void run()}
      status={cell.status}
      elapsedMs={cell.elapsedMs}
      error={cell.error}
      controls={<ScalingToggle value={scaling} onChange={setScaling} disabled={cell.status === 'running'} />}
    >
      {result && (
        <>
          <table aria-label={t('forward.tableLabel')} className="stack-narrow">
            <caption>{t(SCALING_KEYS[result.scaling].long)}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.p}>
                  <th scope="row" data-label={columns[0]}>
                    {r.p}
                  </th>
                  {[
                    fixed(r.inputMean),
                    fixed(r.trainMean),
                    fixed(r.testMean),
                    fixed(r.testMean / r.trainMean, 3),
                    fixed(r.trainZeroFraction, 4),
                    fixed(r.testZeroFraction, 4),
                    fixed(r.maskVariance, 3),
                    fixed(expectedMaskVariance(result.scaling, r.p), 3),
                  ].map((value, i) => (
                    <td key={columns[i + 1]} data-label={columns[i + 1]}>
                      {value}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="reading">{t(SCALING_NOTES[result.scaling])}</p>
        </>
      )}
    </Cell>
  );
}
