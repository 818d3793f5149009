import { Trans, useTranslation } from 'react-i18next';
import { CIFAR_SAMPLE_TEST, CIFAR_SAMPLE_TRAIN } from '../../data/cifarSample.ts';
import { useCount } from '../i18n/datasetName.ts';
import { RICH_TEXT } from '../i18n/richText.tsx';

const CIFAR_SITE = 'https://www.cs.toronto.edu/~kriz/cifar.html';

/** Where the built-in data comes from: the page's footer. */
export function DataCredits() {
  const { t } = useTranslation();
  const count = useCount();
  return (
    <footer className="credits" aria-label={t('credits.heading')}>
      <h2>{t('credits.heading')}</h2>
      <p>
        <Trans
          i18nKey="credits.cifar"
          values={{
            total: count(CIFAR_SAMPLE_TRAIN + CIFAR_SAMPLE_TEST),
            train: count(CIFAR_SAMPLE_TRAIN),
            test: count(CIFAR_SAMPLE_TEST),
          }}
          components={{ ...RICH_TEXT, cite: <cite />, site: <a href={CIFAR_SITE}>CIFAR-10</a> }}
        />
      </p>
      <p>
        <Trans i18nKey="credits.mnist" components={RICH_TEXT} />
      </p>
      <p>{t('credits.privacy')}</p>
    </footer>
  );
}
