import type { MaskFrame } from '../../worker/trainProtocol.ts';

/** How many recent frames the mask panel keeps (at five a second, a few seconds: how far one net runs ahead). */
export const RECENT_FRAMES = 20;

/**
 * `recent` with `frame` added (newest last), keeping only frames of its layer: a new layer's frames replace the old.
 * The same iteration again (another example picked) replaces its frame.
 */
export function withFrame(recent: readonly MaskFrame[], frame: MaskFrame): MaskFrame[] {
  const kept = recent.filter((f) => f.layer === frame.layer && f.iteration < frame.iteration);
  kept.push(frame);
  return kept.slice(-RECENT_FRAMES);
}

/**
 * The frame to show at the moment the charts and the status show (`iteration`): the newest at or before it, so the
 * panel never shows a mask from later than the status line says; the oldest kept when all are later.
 */
export function frameAt(recent: readonly MaskFrame[], iteration: number): MaskFrame | null {
  let chosen: MaskFrame | null = null;
  for (const f of recent) if (f.iteration <= iteration) chosen = f;
  return chosen ?? recent[0] ?? null;
}
