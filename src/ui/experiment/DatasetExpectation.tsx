import { Trans } from 'react-i18next';
import { BUILT_IN_DATASETS } from '../../data/builtInDatasets.ts';
import { CIFAR_SAMPLE_TEST, CIFAR_SAMPLE_TRAIN } from '../../data/cifarSample.ts';
import { useLab } from '../../store/index.ts';
import { useCount } from '../i18n/datasetName.ts';
import { RICH_TEXT } from '../i18n/richText.tsx';

const KEYS = {
  'cifar-sample': 'experiment.expectSample',
  mnist: 'experiment.expectMnist',
  cifar10: 'experiment.expectOwn',
} as const;

/** Which dataset the experiment uses, and what to expect from it, quoting the settings as they stand (p, training examples). */
export function DatasetExpectation() {
  const choice = useLab((s) => s.settings.dataset);
  const numTrain = useLab((s) => s.settings.numTrain);
  const keepProb = useLab((s) => s.settings.keepProb);
  const count = useCount();
  const maxTrain = choice === 'cifar10' ? Infinity : BUILT_IN_DATASETS[choice].maxTrain;
  return (
    <p>
      <Trans
        i18nKey={KEYS[choice]}
        values={{
          numTrain: count(numTrain),
          sampleTrain: count(CIFAR_SAMPLE_TRAIN),
          sampleTest: count(CIFAR_SAMPLE_TEST),
          maxTrain: count(maxTrain),
          over: numTrain > maxTrain ? 'yes' : 'no',
          p: String(keepProb),
          noDropout: keepProb === 1 ? 'yes' : 'no',
        }}
        components={RICH_TEXT}
      />
    </p>
  );
}
