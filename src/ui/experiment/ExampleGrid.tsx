import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RawDataset } from '../../data/types.ts';
import { className, drawImageBytes } from '../figures/imageBytes.ts';

/** Draws record `index` of the training pool (C, H, W bytes) into a canvas at its native size. */
function ExampleImage({ dataset, index }: { dataset: RawDataset; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [channels, height, width] = dataset.imageShape;
  useEffect(() => {
    const size = channels * height * width;
    drawImageBytes(ref.current, dataset.train.images.subarray(index * size, (index + 1) * size), dataset.imageShape);
  }, [dataset, index, channels, height, width]);
  const { t } = useTranslation();
  const label = className(t, dataset.classNames[dataset.train.labels[index]]);
  return (
    <figure>
      <canvas
        ref={ref}
        width={width}
        height={height}
        role="img"
        aria-label={t('dataset.example', { n: index + 1, label })}
      />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/** The first image of each class in the active dataset, with its class name. */
export function ExampleGrid({ dataset }: { dataset: RawDataset }) {
  const { t } = useTranslation();
  const indices: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < dataset.train.count && seen.size < dataset.classNames.length; i++) {
    const label = dataset.train.labels[i];
    if (seen.has(label)) continue;
    seen.add(label);
    indices.push(i);
  }
  indices.sort((a, b) => dataset.train.labels[a] - dataset.train.labels[b]);
  return (
    <div className="examples" role="group" aria-label={t('dataset.examples')}>
      {indices.map((i) => (
        <ExampleImage key={`${dataset.name}-${i}`} dataset={dataset} index={i} />
      ))}
    </div>
  );
}
