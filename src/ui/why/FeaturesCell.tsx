import { useEffect, useId, useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { FEATURE_COUNTS, type FeatureOrder, type FeatureView } from '../../store/experimentSlice.ts';
import { useLab } from '../../store/index.ts';
import type { FeatureFrame } from '../../worker/trainProtocol.ts';
import { Cell } from '../shell/Cell.tsx';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { fixed } from '../i18n/format.ts';
import { readFeatures } from './insightReading.ts';
import { InsightStatus } from './InsightStatus.tsx';
import { useRunInsight, type LabelledFeatures } from './useRunInsight.ts';

/**
 * Tiles in the chosen order, at most `count` of them. A live frame carries one order only: until the next frame
 * follows a change of order (within a second), the frame's own order is shown.
 */
function shownTiles(frame: FeatureFrame, view: FeatureView): { tiles: Int32Array; order: FeatureView['order'] } {
  const wanted = view.order === 'norm' ? frame.byNorm : frame.byIndex;
  const order = wanted.length > 0 ? view.order : view.order === 'norm' ? 'index' : 'norm';
  return { tiles: (order === 'norm' ? frame.byNorm : frame.byIndex).subarray(0, view.count), order };
}

/** One configuration's first-layer weights: a square-ish grid of tiles, one pixel apart, scaled up by CSS. */
/** `roughness`: whether the caption gives it (not for the paper's autoencoder, whose tiles it does not tell apart). */
function TileGrid({
  features,
  view,
  roughness,
}: {
  features: LabelledFeatures;
  view: FeatureView;
  roughness: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const { frame, label } = features;
  const { tiles, order: shownOrder } = shownTiles(frame, view);
  const columns = Math.max(1, Math.ceil(Math.sqrt(tiles.length)));
  const rows = Math.max(1, Math.ceil(tiles.length / columns));
  const [w, h] = [frame.tileWidth, frame.tileHeight];
  const width = columns * (w + 1) - 1;
  const height = rows * (h + 1) - 1;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    const image = ctx.createImageData(w, h);
    const tileBytes = w * h * 4;
    tiles.forEach((tile, i) => {
      image.data.set(frame.rgba.subarray(tile * tileBytes, (tile + 1) * tileBytes));
      ctx.putImageData(image, (i % columns) * (w + 1), Math.floor(i / columns) * (h + 1));
    });
  }, [frame, tiles, columns, w, h, width, height]);
  // The autoencoder trains without checks and keeps its last parameters; the classifier, its best.
  const when = frame.final
    ? roughness
      ? t('why.features.final')
      : t('why.features.finalLast')
    : t('why.features.iteration', { iteration: frame.iteration });
  const order = shownOrder === 'norm' ? t('why.features.byNorm') : t('why.features.byIndex');
  return (
    <figure className="feature-grid">
      <figcaption>
        <strong>{label}</strong> <span className="muted">{when}</span>
        {roughness && frame.roughness !== null && (
          <span className="muted"> · {t('why.features.roughness', { value: fixed(frame.roughness, 2) })}</span>
        )}
      </figcaption>
      <canvas
        ref={ref}
        width={width}
        height={height}
        role="img"
        aria-label={t('why.features.canvasLabel', {
          label,
          count: tiles.length,
          units: frame.hiddenUnits,
          order,
          when,
        })}
      />
      <div className="sr-only">
        <table aria-label={t('why.features.tableLabel', { label })}>
          <thead>
            <tr>
              <th scope="col">{t('why.features.unit')}</th>
              <th scope="col">{t('why.features.norm')}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from(tiles, (tile) => (
              <tr key={tile}>
                <th scope="row">{frame.units[tile]}</th>
                <td>{fixed(frame.norms[tile], 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function FeatureControls() {
  const { t } = useTranslation();
  const view = useLab((s) => s.featureView);
  const setView = useLab((s) => s.setFeatureView);
  const countId = useId();
  const orderName = useId();
  return (
    <>
      <label className="inline-field" htmlFor={countId}>
        {t('why.features.count')}
        <select
          id={countId}
          value={view.count}
          onChange={(e) => setView({ count: Number(e.target.value) as FeatureView['count'] })}
        >
          {FEATURE_COUNTS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="toggle">
        <legend>{t('why.features.order')}</legend>
        {(['norm', 'index'] as FeatureOrder[]).map((order) => (
          <label key={order}>
            <input
              type="radio"
              name={orderName}
              value={order}
              checked={view.order === order}
              onChange={() => setView({ order })}
            />
            {order === 'norm' ? t('why.features.byNorm') : t('why.features.byIndex')}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** The dropout paper's Fig. 7: what the first layer's units learn, with and without dropout. */
export function FeaturesCell({ index }: { index: number }) {
  const { t } = useTranslation();
  const view = useRunInsight();
  const featureView = useLab((s) => s.featureView);
  const features = view.kind === 'trained' ? view.features : [];
  const reading = view.kind === 'trained' ? readFeatures(t, view.insights, view.context) : null;
  const complete = view.kind === 'trained' && view.insights.length === view.configCount;
  return (
    <Cell
      index={index}
      anchor="cell-features"
      title={t('why.features.title')}
      intro={
        <p>
          <Trans i18nKey="why.features.intro" components={RICH_TEXT} />
        </p>
      }
      controls={<FeatureControls />}
    >
      <InsightStatus view={view} complete={complete} />
      {features.length > 0 && (
        <div className="feature-grids" role="group" aria-label={t('why.features.title')}>
          {features.map((f) => (
            <TileGrid key={f.configId} features={f} view={featureView} roughness={!view.paper} />
          ))}
        </div>
      )}
      {reading && <p className="reading">{reading}</p>}
    </Cell>
  );
}
