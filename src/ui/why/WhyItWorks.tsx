import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../shell/ErrorBoundary.tsx';
import { RICH_TEXT } from '../i18n/richText.tsx';
import { FeaturesCell } from './FeaturesCell.tsx';
import { McCell } from './McCell.tsx';
import { PaperSetting } from './PaperSetting.tsx';
import { SparsityCell } from './SparsityCell.tsx';

/** The notebook's second part: the dropout paper's experiments on the nets the experiment trained. */
export function WhyItWorks({ firstIndex }: { firstIndex: number }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="part" aria-labelledby={headingId}>
      <header className="part-intro">
        <h2 id={headingId}>{t('why.partTitle')}</h2>
        <p>
          <Trans i18nKey="why.partIntro" components={RICH_TEXT} />
        </p>
      </header>
      <ErrorBoundary what={t('why.paper.title')}>
        <PaperSetting />
      </ErrorBoundary>
      <ErrorBoundary what={t('why.features.title')}>
        <FeaturesCell index={firstIndex} />
      </ErrorBoundary>
      <ErrorBoundary what={t('why.sparsity.title')}>
        <SparsityCell index={firstIndex + 1} />
      </ErrorBoundary>
      <ErrorBoundary what={t('why.mc.title')}>
        <McCell index={firstIndex + 2} />
      </ErrorBoundary>
    </section>
  );
}
