import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BUILT_IN_DATASETS, type BuiltInDatasetId } from '../../data/builtInDatasets.ts';

const NAME_KEYS = { 'cifar-sample': 'dataset.cifarSampleName', mnist: 'dataset.mnistName' } as const satisfies Record<
  BuiltInDatasetId,
  string
>;

/** A built-in dataset's name in the reader's language. */
export function builtInName(t: TFunction, id: BuiltInDatasetId): string {
  return t(NAME_KEYS[id]);
}

/** A dataset's name (as RawDataset.name has it) in the reader's language: built-in ones are translated; a user's files keep their names. */
export function datasetNameText(t: TFunction, name: string): string {
  const builtIn = Object.values(BUILT_IN_DATASETS).find((d) => d.name === name);
  return builtIn ? builtInName(t, builtIn.id) : name;
}

export function useDatasetName(): (name: string) => string {
  const { t } = useTranslation();
  return (name) => datasetNameText(t, name);
}

/** Whole numbers as the reader's language writes them ("1,000"). */
export function useCount(): (n: number) => string {
  const { i18n } = useTranslation();
  return (n) => new Intl.NumberFormat(i18n.language).format(n);
}
