import { useTranslation } from 'react-i18next';
import { useLab } from '../../store/index.ts';
import { configLabel } from '../settings/configLabel.ts';
import { knownText } from '../i18n/messageText.ts';

/** A configuration that diverged or failed is said out loud; its history so far stays in the charts. */
export function RunProblems({ of = 'experiment' }: { of?: 'experiment' | 'paper' }) {
  const configs = useLab((s) => (of === 'paper' ? s.paperRun : s.run)?.configs);
  const scaling = useLab((s) => (of === 'paper' ? s.paperRun : s.run)?.settings.scaling ?? 'inverted');
  const { t } = useTranslation();
  const problems = (configs ?? []).filter((c) => (c.status === 'diverged' || c.status === 'failed') && c.message);
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="error">
      {problems.map((c) => {
        const said = knownText(t, c.message!);
        const what = c.status === 'diverged' ? said : t('messages.configFailed', { reason: said });
        return (
          <p key={c.configId}>
            {configLabel(t, c.configId, c.keepProb, scaling)} {what}.{' '}
            {c.status === 'diverged' ? t('messages.divergedSaved') : t('messages.failedSaved')}
          </p>
        );
      })}
    </div>
  );
}
