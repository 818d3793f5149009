import { useLab } from '../store/index.ts';
import { readRun } from './runReading.ts';

/** Two sentences computed from the run on screen; a string selector, so streamed losses alone do not redraw it. */
export function RunReading() {
  const text = useLab((s) => (s.run ? readRun(s.run) : null));
  if (!text) return null;
  return (
    <div role="note" aria-label="Reading of this run" className="run-reading">
      <h3>What the figures say</h3>
      <p className="reading">{text}</p>
    </div>
  );
}
