import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reconstructions } from '../../core/insight/reconstructions.ts';
import { useLab } from '../../store/index.ts';
import { PAPER_SETTING } from '../../store/paperSlice.ts';
import { isActive } from '../../store/runState.ts';
import { fixed } from '../i18n/format.ts';
import { drawImageBytes } from '../figures/imageBytes.ts';
import { useMessageText } from '../i18n/messageText.ts';
import { RunProblems } from '../experiment/RunProblems.tsx';
import { configLabel } from '../settings/configLabel.ts';
import { useRunInsight } from './useRunInsight.ts';

const DIGIT_SHAPE: [number, number, number] = [1, 28, 28];

/** Where the features and sparsity cells take their figures from: the model setting (kept in the link). */
function SourceChoice() {
  const { t } = useTranslation();
  const model = useLab((s) => s.settings.model);
  const setSetting = useLab((s) => s.setSetting);
  const fixed = useLab((s) => s.view.fixed.includes('model'));
  const name = useId();
  return (
    <fieldset className="toggle" disabled={fixed}>
      <legend>{t('why.source.legend')}</legend>
      {(['classifier', 'autoencoder'] as const).map((value) => (
        <label key={value}>
          <input
            type="radio"
            name={name}
            value={value}
            checked={model === value}
            onChange={() => setSetting('model', value)}
          />
          {value === 'classifier' ? t('why.source.experiment') : t('why.source.paper')}
        </label>
      ))}
      {fixed && <small className="muted fixed-note">{t('view.fixedByLink')}</small>}
    </fieldset>
  );
}

/** The paper's pair: Train or Stop, and one line of progress (epochs of each net and the training time). */
function PaperRunBar() {
  const { t } = useTranslation();
  const run = useLab((s) => s.paperRun);
  const error = useLab((s) => s.paperError);
  const kernels = useLab((s) => s.settings.kernels);
  const start = useLab((s) => s.startPaperRun);
  const stop = useLab((s) => s.stopPaperRun);
  const loadingMnist = useLab((s) => !!s.dataset.loading.mnist);
  const messages = useMessageText();
  const active = isActive(run);
  const configs = run?.configs
    .map((c) =>
      t('why.paper.progress', {
        label: configLabel(t, c.configId, c.keepProb, run.settings.scaling),
        epoch: c.epoch,
        epochs: run.settings.epochs,
      }),
    )
    .join(t('reading.separator'));
  const seconds = run ? Math.max(0, ...run.configs.map((c) => c.elapsedMs)) / 1000 : 0;
  const status = run?.status === 'paused' ? 'training' : run?.status;
  return (
    <>
      {kernels === 'gpu' && <p className="muted">{t('why.paper.onCpu')}</p>}
      <div className="run-bar">
        {active ? (
          <button type="button" onClick={stop}>
            {t('why.paper.stop')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={loadingMnist} onClick={() => void start()}>
            {t('why.paper.train')}
          </button>
        )}
        {run && (
          <p className="muted" role="status" aria-live="off">
            {t('why.paper.status', { status, configs, seconds: fixed(seconds, 1) })}
          </p>
        )}
      </div>
      <RunProblems of="paper" />
      {error && (
        <p role="alert" className="error">
          {messages.join(error)}
        </p>
      )}
    </>
  );
}

function Digit({ pixels, index, label }: { pixels: Uint8Array; index: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const size = DIGIT_SHAPE[1] * DIGIT_SHAPE[2];
  useEffect(
    () => drawImageBytes(ref.current, pixels.subarray(index * size, (index + 1) * size), DIGIT_SHAPE),
    [pixels, index, size],
  );
  return <canvas ref={ref} width={DIGIT_SHAPE[2]} height={DIGIT_SHAPE[1]} role="img" aria-label={label} />;
}

/** A few validation digits above each net's reconstructions: both autoencoders still do their job. */
function ReconstructionsFigure() {
  const { t } = useTranslation();
  const view = useRunInsight();
  if (view.kind !== 'trained' || !view.paper) return null;
  const items = view.insights.filter(
    (i): i is typeof i & { insight: { reconstructions: Reconstructions } } => i.insight.reconstructions !== null,
  );
  if (items.length === 0) return null;
  const originals = items[0].insight.reconstructions;
  const rows = [
    { key: 'original', what: t('why.paper.original'), pixels: originals.originals },
    ...items.map((i) => ({
      key: i.configId,
      what: t('why.paper.reconstructed', { label: i.label }),
      pixels: i.insight.reconstructions.reconstructed,
    })),
  ];
  const values = items
    .map((i) => `${i.label} ${fixed(i.insight.reconstructions.meanSquaredError, 4)}`)
    .join(t('reading.separator'));
  return (
    <figure className="reconstructions">
      <figcaption>
        <strong>{t('why.paper.reconstructionsTitle')}</strong>{' '}
        <span className="muted">{t('why.paper.reconstructionsIntro')}</span>
      </figcaption>
      {rows.map((row) => (
        <div key={row.key} className="digit-row" role="group" aria-label={row.what}>
          <span className="digit-row-label">{row.what}</span>
          {originals.rows.map((_, index) => (
            <Digit
              key={index}
              pixels={row.pixels}
              index={index}
              label={t('why.paper.digitLabel', { what: row.what, index: index + 1 })}
            />
          ))}
        </div>
      ))}
      <p className="reading">
        {t('why.paper.errorReading', { count: view.insights[0].insight.activations.rows.toLocaleString('en'), values })}
      </p>
    </figure>
  );
}

/** "Why it works" in the paper's own setting: its autoencoder pair, trained here, and the choice of whose figures the cells show. */
export function PaperSetting() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="paper-setting" aria-labelledby={headingId} id="paper-setting">
      <h3 id={headingId}>{t('why.paper.title')}</h3>
      <p>
        {t('why.paper.intro', { train: PAPER_SETTING.numTrain.toLocaleString('en'), epochs: PAPER_SETTING.epochs })}
      </p>
      <PaperRunBar />
      <SourceChoice />
      <ReconstructionsFigure />
    </section>
  );
}
