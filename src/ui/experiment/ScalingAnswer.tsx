import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { configColor } from '../figures/configColor.ts';
import { configLabel } from '../settings/configLabel.ts';
import { fixed, percent } from '../i18n/format.ts';
import { activationScale, scalingFigures, type ScalingFigures } from './scalingAnswer.ts';
import { useShownRun } from './shownRun.tsx';

/**
 * Accuracies this close "hardly move": about two standard errors of an accuracy near 0.3 on 1,000 validation images
 * (sqrt(0.3 * 0.7 / 1000) = 1.4 points).
 */
const CLOSE_ACCURACY = 0.03;

/**
 * The answer to "what happens if we do not divide by p?", under a no-scaling run's results: the test-time activation
 * scale against training's, each net's validation loss and mean confidence beside its accuracy (measured in the
 * workers' checks), and a reading of why accuracy hardly moves.
 */
export function ScalingAnswer() {
  const run = useShownRun();
  const frame = useLab((s) => s.mask);
  const { t } = useTranslation();
  const headingId = useId();
  const figures = useMemo(() => (run ? scalingFigures(run) : null), [run]);
  const scale = useMemo(() => (figures ? activationScale(frame) : null), [figures, frame]);
  if (!run || run.settings.scaling !== 'none' || run.configs.length < 3) return null;
  const label = (f: Pick<ScalingFigures, 'configId' | 'keepProb'>) =>
    configLabel(t, f.configId, f.keepProb, run.settings.scaling);
  const none = figures?.find((f) => f.configId === 'dropout');
  const inverted = figures?.find((f) => f.configId === 'inverted');
  const p = run.settings.keepProb;
  const columns = [
    t('results.configuration'),
    t('scalingAnswer.valAcc'),
    t('scalingAnswer.valLoss'),
    t('scalingAnswer.confidence'),
  ];
  return (
    <section className="scaling-answer" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('scalingAnswer.heading')}</h3>
      {scale ? (
        <p>
          {t('scalingAnswer.activations', {
            iteration: String(scale.iteration),
            train: fixed(scale.train, 3),
            test: fixed(scale.test, 3),
            ratio: fixed(scale.test / scale.train, 2),
            inverse: fixed(1 / p, 2),
          })}
        </p>
      ) : (
        <p className="muted">{t('scalingAnswer.noActivations', { inverse: fixed(1 / p, 2) })}</p>
      )}
      {figures ? (
        <table
          aria-label={t('scalingAnswer.tableLabel', { epoch: String(figures[0].check.epoch) })}
          className="stack-narrow"
        >
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
            {figures.map((f) => (
              <tr key={f.configId}>
                <th scope="row" data-label={columns[0]}>
                  <span
                    className="series-swatch"
                    aria-hidden="true"
                    style={{ background: configColor(f.configId, f.keepProb, run.settings.scaling) }}
                  />
                  {label(f)}
                </th>
                <td data-label={columns[1]}>{fixed(f.check.valAcc, 3)}</td>
                <td data-label={columns[2]}>{f.check.valLoss === undefined ? '—' : fixed(f.check.valLoss, 3)}</td>
                <td data-label={columns[3]}>
                  {f.check.valConfidence === undefined ? '—' : fixed(f.check.valConfidence, 3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('scalingAnswer.waiting')}</p>
      )}
      {none && inverted && (
        <p className="reading">
          {t('scalingAnswer.reading', {
            ratio: scale ? fixed(scale.test / scale.train, 2) : fixed(1 / p, 2),
            measured: scale ? 'yes' : 'no',
            inverse: fixed(1 / p, 2),
            accNone: percent(none.check.valAcc),
            accInv: percent(inverted.check.valAcc),
            close: Math.abs(none.check.valAcc - inverted.check.valAcc) <= CLOSE_ACCURACY ? 'yes' : 'no',
            softmax:
              none.check.valConfidence !== undefined && inverted.check.valConfidence !== undefined ? 'yes' : 'no',
            sharper: (none.check.valConfidence ?? 0) > (inverted.check.valConfidence ?? 0) ? 'yes' : 'no',
            confNone: fixed(none.check.valConfidence ?? NaN, 3),
            confInv: fixed(inverted.check.valConfidence ?? NaN, 3),
            lossNone: fixed(none.check.valLoss ?? NaN, 3),
            lossInv: fixed(inverted.check.valLoss ?? NaN, 3),
          })}
        </p>
      )}
    </section>
  );
}
