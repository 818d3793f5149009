import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { readRun } from './runReading.ts';

/** Two sentences computed from the run on screen; a string selector, so streamed losses alone do not redraw it. */
export function RunReading() {
  const { t } = useTranslation();
  const text = useLab((s) => (s.run ? readRun(s.run, t) : null));
  if (!text) return null;
  return (
    <div role="note" aria-label={t('charts.readingLabel')} className="run-reading">
      <h3>{t('charts.reading')}</h3>
      <p className="reading">{text}</p>
    </div>
  );
}
