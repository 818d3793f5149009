import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useLab } from '../store/index.ts';
import type { MaskFrame } from '../worker/trainProtocol.ts';
import { drawBars, keptFractionHistogram, maskImage } from './maskDrawing.ts';

type View = 'train' | 'test';

function MaskGrid({ frame, view, onPickRow }: { frame: MaskFrame; view: View; onPickRow(row: number): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    if (canvas.width !== frame.cols) canvas.width = frame.cols;
    if (canvas.height !== frame.rows) canvas.height = frame.rows;
    ctx.putImageData(maskImage(new Uint8Array(frame.bits), frame.rows, frame.cols, view === 'test'), 0, 0);
  }, [frame, view]);
  return (
    <canvas
      ref={ref}
      className="mask-grid"
      role="img"
      aria-label={`Mask of iteration ${frame.iteration}: ${frame.rows} examples by ${frame.cols} hidden units; light kept, dark dropped`}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        onPickRow(Math.min(frame.rows - 1, Math.floor(((e.clientY - box.top) / box.height) * frame.rows)));
      }}
    />
  );
}

function BarStrip({ label, values, max, color }: { label: string; values: Float32Array; max: number; color: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawBars(ctx, values, max, color);
  }, [values, max, color]);
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
  if (!counts) return null;
  const max = Math.max(...counts, 1);
  return (
    <figure className="histogram" aria-label="How often each unit was kept">
      <figcaption>How often each unit was kept, over the run ({frame.maskRowsSeen.toLocaleString('en')} rows)</figcaption>
      <svg viewBox="0 0 200 60" preserveAspectRatio="none" role="img" aria-label="Histogram of per-unit kept fractions">
        {counts.map((c, i) => (
          <rect key={i} x={i * 10 + 0.5} width={9} y={60 - (c / max) * 58} height={(c / max) * 58} fill="#457b9d" />
        ))}
      </svg>
      <div className="axis"><span>0</span><span>kept fraction</span><span>1</span></div>
    </figure>
  );
}

/** The dropout configuration's current mask, its kept fraction, and one example's activations. */
export function MaskPanel() {
  const frame = useLab((s) => s.mask);
  const keepProb = useLab((s) => s.run?.configs.find((c) => c.configId === 'dropout')?.keepProb ?? null);
  const inspectMask = useLab((s) => s.inspectMask);
  const layerSelectId = useId();
  const [view, setView] = useState<View>('train');
  const headingId = useId();
  const viewName = useId();

  const after = frame && view === 'train' ? frame.after : frame?.before;
  const max = useMemo(() => {
    if (!frame) return 0;
    let m = 0;
    for (const v of frame.after) if (v > m) m = v;
    for (const v of frame.before) if (v > m) m = v;
    return m;
  }, [frame]);

  return (
    <section className="mask-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>Dropout mask</h3>
      {!frame || keepProb === null ? (
        <p className="muted">Train to see the masks of the dropout configuration's hidden layer, live.</p>
      ) : (
        <>
          <div className="mask-readouts">
            <p>
              Kept fraction:{' '}
              <strong>
                {view === 'test' ? '100.0' : ((frame.keptCount / (frame.rows * frame.cols)) * 100).toFixed(1)}% kept (p = {keepProb})
              </strong>
            </p>
            <p>
              Mask of iteration <strong>{frame.iteration}</strong>
            </p>
            <fieldset className="toggle">
              <legend>View</legend>
              {(['train', 'test'] as const).map((v) => (
                <label key={v}>
                  <input type="radio" name={viewName} checked={view === v} onChange={() => setView(v)} />
                  {v === 'train' ? 'Train' : 'Test'}
                </label>
              ))}
            </fieldset>
            {frame.layers > 1 && (
              <label htmlFor={layerSelectId} className="inline-field">
                Hidden layer{' '}
                <select id={layerSelectId} value={frame.layer} onChange={(e) => inspectMask({ layer: Number(e.target.value) })}>
                  {Array.from({ length: frame.layers }, (_, l) => (
                    <option key={l} value={l}>
                      {l + 1} of {frame.layers}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <MaskGrid frame={frame} view={view} onPickRow={(example) => inspectMask({ example })} />
          <p className="muted">
            {frame.rows} examples of the minibatch (rows) × {frame.cols} hidden units (columns); light = kept, dark =
            dropped. Click a row to see that example's activations.
          </p>
          <div className="strips">
            <BarStrip label={`Example ${frame.example + 1}: hidden activations after ReLU, before dropout`} values={frame.before} max={max} color="#457b9d" />
            <BarStrip
              label={view === 'train' ? `After dropout: kept × 1/p = ${(1 / keepProb).toFixed(2)}, dropped 0` : 'At test time: no mask, unchanged'}
              values={after!}
              max={max}
              color="#e63946"
            />
          </div>
          <p className="reading">
            {view === 'train'
              ? `Inverted dropout multiplies the kept units by 1/p at train time, so each unit's expected output equals its test-time output and the test-time net needs no change.`
              : 'At test time there is no mask: every unit is kept and nothing is rescaled, because training already scaled by 1/p.'}
          </p>
          <KeptHistogram frame={frame} />
        </>
      )}
    </section>
  );
}
