import { useTranslation } from 'react-i18next';
import { CIFAR_SAMPLE_NAME } from '../data/cifarSample.ts';
import { MNIST_NAME } from '../data/mnist.ts';

/** A dataset's name in the reader's language: the built-in ones are translated; a user's files keep their names. */
export function useDatasetName(): (name: string) => string {
  const { t } = useTranslation();
  return (name) => (name === CIFAR_SAMPLE_NAME ? t('dataset.cifarSampleName') : name === MNIST_NAME ? t('dataset.mnistName') : name);
}

/** Whole numbers as the reader's language writes them ("1,000"). */
export function useCount(): (n: number) => string {
  const { i18n } = useTranslation();
  return (n) => new Intl.NumberFormat(i18n.language).format(n);
}
