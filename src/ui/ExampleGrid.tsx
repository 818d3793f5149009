import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CIFAR10_CLASSES } from '../data/cifar10.ts';
import type { RawDataset } from '../data/types.ts';

/** Draws record `index` of the training pool (C, H, W bytes) into a canvas at its native size. */
function ExampleImage({ dataset, index }: { dataset: RawDataset; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [channels, height, width] = dataset.imageShape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const plane = height * width;
    const offset = index * channels * plane;
    const img = ctx.createImageData(width, height);
    for (let i = 0; i < plane; i++) {
      for (let ch = 0; ch < 3; ch++) img.data[i * 4 + ch] = dataset.train.images[offset + (channels === 3 ? ch * plane : 0) + i];
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [dataset, index, channels, height, width]);
  const { t } = useTranslation();
  const label = className(t, dataset.classNames[dataset.train.labels[index]]);
  return (
    <figure>
      <canvas ref={ref} width={width} height={height} role="img" aria-label={t('dataset.example', { n: index + 1, label })} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

type CifarClass = (typeof CIFAR10_CLASSES)[number];

/** CIFAR-10's class names in the reader's language; digits stay digits. */
function className(t: ReturnType<typeof useTranslation>['t'], name: string): string {
  return (CIFAR10_CLASSES as readonly string[]).includes(name) ? t(`classes.${name as CifarClass}`) : name;
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
