import { useTranslation } from 'react-i18next';
import { useLab } from '../store/index.ts';
import { configLabel } from './configLabel.ts';

/** The worker's own words for a divergence (kept in saved runs), read back to be worded in the reader's language. */
const DIVERGED = /^diverged at iteration (\d+) \(the loss became (.+)\)$/;

/** A configuration that diverged or failed is said out loud; its history so far stays in the charts. */
export function RunProblems() {
  const configs = useLab((s) => s.run?.configs);
  const scaling = useLab((s) => s.run?.settings.scaling ?? 'inverted');
  const { t } = useTranslation();
  const problems = (configs ?? []).filter((c) => (c.status === 'diverged' || c.status === 'failed') && c.message);
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="error">
      {problems.map((c) => {
        const diverged = c.status === 'diverged' ? DIVERGED.exec(c.message!) : null;
        const what = diverged
          ? t('messages.diverged', { iteration: diverged[1], loss: diverged[2] })
          : c.status === 'diverged' ? c.message : t('messages.configFailed', { reason: c.message });
        return (
          <p key={c.configId}>
            {configLabel(t, c.configId, c.keepProb, scaling)} {what}.{' '}
            {c.status === 'diverged' ? t('messages.divergedKept') : t('messages.failedKept')}
          </p>
        );
      })}
    </div>
  );
}
