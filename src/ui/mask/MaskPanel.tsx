import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useCount } from '../i18n/datasetName.ts';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { useLab } from '../../store/index.ts';
import { frameShowing, type MaskFrame } from '../../worker/trainProtocol.ts';
import { isTerminal } from '../../store/runState.ts';
import { frameAt, withFrame } from './maskMoment.ts';
import { runMoment } from '../experiment/runMoment.ts';
import { useShownRun } from '../experiment/shownRun.tsx';
import { drawBars, keptFractionHistogram, maskImage } from './maskDrawing.ts';
import { rgbOf, themeColor, useShownTheme } from '../figures/themeColors.ts';

type View = 'train' | 'test';

/** `selected`: the example asked for (the store's; a frame showing it follows from the worker). */
function MaskGrid({
  frame,
  view,
  selected,
  onPickRow,
}: {
  frame: MaskFrame;
  view: View;
  selected: number;
  onPickRow(row: number): void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useShownTheme();
  const colors = useMemo(
    () => ({ kept: rgbOf(themeColor(theme, 'mask-kept')), dropped: rgbOf(themeColor(theme, 'mask-dropped')) }),
    [theme],
  );
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    if (canvas.width !== frame.cols) canvas.width = frame.cols;
    if (canvas.height !== frame.rows) canvas.height = frame.rows;
    ctx.putImageData(maskImage(new Uint8Array(frame.bits), frame.rows, frame.cols, view === 'test', colors), 0, 0);
  }, [frame, view, colors]);
  const last = frame.rows - 1;
  const pick = (row: number) => onPickRow(Math.max(0, Math.min(last, row)));
  // A row is picked by clicking it or with the keyboard: the grid is a vertical slider over the minibatch's examples.
  const keys: Record<string, () => void> = {
    ArrowDown: () => pick(selected + 1),
    ArrowRight: () => pick(selected + 1),
    ArrowUp: () => pick(selected - 1),
    ArrowLeft: () => pick(selected - 1),
    PageDown: () => pick(selected + 10),
    PageUp: () => pick(selected - 10),
    Home: () => pick(0),
    End: () => pick(last),
  };
  const shown = Math.min(selected, last);
  return (
    <div className="mask-grid-wrap" style={{ '--mask-rows': frame.rows } as CSSProperties}>
      <canvas
        ref={ref}
        className="mask-grid"
        role="slider"
        tabIndex={0}
        aria-orientation="vertical"
        aria-valuemin={1}
        aria-valuemax={frame.rows}
        aria-valuenow={shown + 1}
        aria-valuetext={t('mask.rowValue', { n: shown + 1, rows: frame.rows })}
        aria-label={t('mask.gridLabel', {
          iteration: String(frame.iteration),
          rows: String(frame.rows),
          cols: String(frame.cols),
        })}
        onKeyDown={(e) => {
          const action = keys[e.key];
          if (!action) return;
          e.preventDefault();
          action();
        }}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          pick(Math.floor(((e.clientY - box.top) / box.height) * frame.rows));
        }}
      />
      {/* Which row (example) the strips below show. */}
      <div
        className="mask-row-marker"
        aria-hidden="true"
        style={{ top: `${(shown / frame.rows) * 100}%`, height: `${100 / frame.rows}%` }}
      />
    </div>
  );
}

/** `color`: a colour variable's name (canvases cannot draw var(--x)). */
function BarStrip({ label, values, max, color }: { label: string; values: Float32Array; max: number; color: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useShownTheme();
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawBars(ctx, values, max, themeColor(theme, color), themeColor(theme, 'figure-bg'));
  }, [values, max, color, theme]);
  return (
    <figure className="strip">
      <figcaption>{label}</figcaption>
      <canvas ref={ref} width={values.length} height={60} role="img" aria-label={label} />
    </figure>
  );
}

function KeptHistogram({ frame }: { frame: MaskFrame }) {
  const counts = useMemo(
    () => (frame.keptPerUnit ? keptFractionHistogram(frame.keptPerUnit, frame.maskRowsSeen) : null),
    [frame.keptPerUnit, frame.maskRowsSeen],
  );
  const { t } = useTranslation();
  const count = useCount();
  if (!counts) return null;
  const max = Math.max(...counts, 1);
  return (
    <figure className="histogram" aria-label={t('mask.histogram')}>
      <figcaption>{t('mask.histogramCaption', { rows: count(frame.maskRowsSeen) })}</figcaption>
      <div className="histogram-plot">
        {/* The y scale: how many units fall in a bar, from 0 to the tallest bar's count. */}
        <div className="histogram-y" aria-hidden="true">
          <span>{count(max)}</span>
          <span className="histogram-y-name">{t('mask.unitsAxis')}</span>
          <span>0</span>
        </div>
        <svg
          viewBox="0 0 200 60"
          preserveAspectRatio="none"
          role="img"
          aria-label={t('mask.histogramImage', { max: count(max) })}
        >
          {counts.map((c, i) => (
            <rect
              key={i}
              x={i * 10 + 0.5}
              width={9}
              y={60 - (c / max) * 58}
              height={(c / max) * 58}
              fill="var(--series-baseline)"
            />
          ))}
        </svg>
        <div className="axis">
          <span>0</span>
          <span>{t('mask.keptAxis')}</span>
          <span>1</span>
        </div>
      </div>
    </figure>
  );
}

/**
 * The newest mask at or before the iteration the status line shows for the masks' net (the shown run, taken once a
 * second: the store's newest mask would run ahead of it). When that net is ahead of the other, `behindIteration` is
 * where the charts' solid lines stop. Picking another example shows it at once.
 */
function useFrameAtMoment(): { frame: MaskFrame | null; behindIteration: number | null } {
  const latest = useLab((s) => s.mask);
  const example = useLab((s) => s.maskView.example);
  const run = useShownRun();
  const [recent, setRecent] = useState<{ latest: MaskFrame | null; frames: MaskFrame[] }>({ latest: null, frames: [] });
  if (recent.latest !== latest) setRecent({ latest, frames: latest ? withFrame(recent.frames, latest) : [] });
  const frames = recent.latest === latest ? recent.frames : latest ? withFrame(recent.frames, latest) : [];
  // The masks' net as the status line shows it (the shown run): the newest mask it had then.
  const masked = run?.configs.find((c) => c.configId === 'dropout');
  const iteration = masked && !isTerminal(masked.status) ? masked.iteration : Infinity;
  const chosen = frameAt(frames, iteration);
  const frame = useMemo(() => (chosen ? frameShowing(chosen, example) : null), [chosen, example]);
  // The net whose masks these are may be ahead of the other: the charts show solid lines to `moment` only.
  const moment = run ? runMoment(run.configs).iterations : Infinity;
  return { frame, behindIteration: frame && frame.iteration > moment ? moment : null };
}

/** The dropout configuration's current mask, its kept fraction, and one example's activations. */
export function MaskPanel() {
  const { frame, behindIteration } = useFrameAtMoment();
  const keepProb = useLab((s) => s.run?.configs.find((c) => c.configId === 'dropout')?.keepProb ?? null);
  // The 'dropout' configuration trains with the run's chosen scaling.
  const scaling = useLab((s) => s.run?.settings.scaling ?? 'inverted');
  const inspectMask = useLab((s) => s.inspectMask);
  const selectedExample = useLab((s) => s.maskView.example);
  const layerSelectId = useId();
  const [view, setView] = useState<View>('train');
  const headingId = useId();
  const viewName = useId();
  const { t } = useTranslation();

  const after = frame && view === 'train' ? frame.after : frame?.before;
  const max = useMemo(() => {
    if (!frame) return 0;
    let m = 0;
    for (const v of frame.after ?? []) if (v > m) m = v;
    for (const v of frame.before ?? []) if (v > m) m = v;
    return m;
  }, [frame]);

  return (
    <section className="mask-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('mask.heading')}</h3>
      {!frame || keepProb === null ? (
        <p className="muted">{t('mask.empty')}</p>
      ) : (
        <>
          <div className="mask-readouts">
            <p>
              <Trans
                i18nKey="mask.keptFraction"
                values={{
                  percent: view === 'test' ? '100.0' : ((frame.keptCount / (frame.rows * frame.cols)) * 100).toFixed(1),
                  p: String(keepProb),
                }}
                components={RICH_TEXT}
              />
            </p>
            <p>
              <Trans i18nKey="mask.iteration" values={{ iteration: String(frame.iteration) }} components={RICH_TEXT} />
            </p>
            {behindIteration !== null && (
              <p className="muted">
                {t('mask.ahead', {
                  p: String(keepProb),
                  ahead: frame.iteration - behindIteration,
                  iteration: behindIteration,
                })}
              </p>
            )}
            <fieldset className="toggle">
              <legend>{t('mask.view')}</legend>
              {(['train', 'test'] as const).map((v) => (
                <label key={v}>
                  <input type="radio" name={viewName} checked={view === v} onChange={() => setView(v)} />
                  {v === 'train' ? t('mask.train') : t('mask.test')}
                </label>
              ))}
            </fieldset>
            {frame.layers > 1 && (
              <label htmlFor={layerSelectId} className="inline-field">
                {t('mask.hiddenLayer')}{' '}
                <select
                  id={layerSelectId}
                  value={frame.layer}
                  onChange={(e) => inspectMask({ layer: Number(e.target.value) })}
                >
                  {Array.from({ length: frame.layers }, (_, l) => (
                    <option key={l} value={l}>
                      {t('mask.layerOf', { layer: l + 1, layers: frame.layers })}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <MaskGrid
            frame={frame}
            view={view}
            selected={selectedExample}
            onPickRow={(example) => inspectMask({ example })}
          />
          <p className="muted">
            {t('mask.legend', { rows: String(frame.rows), cols: String(frame.cols) })}
            {/* Not on touch screens (styles.css, pointer: coarse). */}
            <span className="keyboard-hint"> {t('mask.legendKeys')}</span>
          </p>
          {frame.before && after ? (
            <div className="strips">
              <BarStrip
                label={t('mask.before', { n: String(frame.example + 1) })}
                values={frame.before}
                max={max}
                color="series-baseline"
              />
              <BarStrip
                label={
                  view === 'train'
                    ? t('mask.afterTrain', {
                        scaling,
                        scale: (1 / keepProb).toFixed(2),
                        variance: ((1 - keepProb) / keepProb).toFixed(2),
                      })
                    : t('mask.afterTest', { scaling })
                }
                values={after}
                max={max}
                color="series-dropout"
              />
            </div>
          ) : (
            <p className="muted">{t('mask.onGpu')}</p>
          )}
          <p className="reading">
            {view === 'train' ? t('mask.readingTrain', { scaling }) : t('mask.readingTest', { scaling })}
          </p>
          <KeptHistogram frame={frame} />
        </>
      )}
    </section>
  );
}
