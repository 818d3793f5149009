import { useTranslation } from 'react-i18next';
import type { RunInsightView } from './useRunInsight.ts';

/** What a "Why it works" cell says when it has nothing (or not everything) to show yet. */
export function InsightStatus({ view, complete }: { view: RunInsightView; complete: boolean }) {
  const { t } = useTranslation();
  if (view.kind === 'none')
    return <p className="muted">{view.paper ? t('why.paperNotTrained') : t('why.notTrained')}</p>;
  if (view.kind === 'elsewhere')
    return <p className="muted">{view.paper ? t('why.paperSaved') : t('why.notThisSession')}</p>;
  if (complete) return null;
  if (view.kind === 'trained' && view.computing) return <p className="muted">{t('why.computing')}</p>;
  return <p className="muted">{t('why.pending')}</p>;
}
