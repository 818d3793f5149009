import type { TFunction } from 'i18next';
import { CIFAR10_CLASSES } from '../../data/cifar10.ts';

/** Draws one image's (C, H, W) bytes into a canvas of its native size (grey when C is 1). */
export function drawImageBytes(
  canvas: HTMLCanvasElement | null,
  pixels: Uint8Array,
  [channels, height, width]: readonly [number, number, number],
): void {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return;
  const plane = height * width;
  const img = ctx.createImageData(width, height);
  for (let i = 0; i < plane; i++) {
    for (let ch = 0; ch < 3; ch++) img.data[i * 4 + ch] = pixels[(channels === 3 ? ch * plane : 0) + i];
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

type CifarClass = (typeof CIFAR10_CLASSES)[number];

/** CIFAR-10's class names in the reader's language; digits stay digits. */
export function className(t: TFunction, name: string): string {
  return (CIFAR10_CLASSES as readonly string[]).includes(name) ? t(`classes.${name as CifarClass}`) : name;
}
