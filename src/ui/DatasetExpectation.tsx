import { CIFAR_SAMPLE_TEST, CIFAR_SAMPLE_TRAIN } from '../data/cifarSample.ts';
import { useLab } from '../store/index.ts';

const count = (n: number) => n.toLocaleString('en');

/** Which dataset the experiment uses, and what to expect from it. */
export function DatasetExpectation() {
  const choice = useLab((s) => s.settings.dataset);
  const numTrain = useLab((s) => s.settings.numTrain);
  const assignmentPicture =
    'without dropout the net memorizes its training images (training accuracy near 1) while validation accuracy ' +
    'stays near 0.3; with p = 0.25 training accuracy stays lower and the best validation accuracy ends a little higher.';
  if (choice === 'cifar-sample') {
    return (
      <p>
        <strong>Data: the CIFAR-10 sample built into the app</strong>, real 32 × 32 colour photos of 10 classes
        ({count(numTrain)} of its {count(CIFAR_SAMPLE_TRAIN)} training images, validated on its {count(CIFAR_SAMPLE_TEST)} test
        images), as in the assignment. Expect the assignment's result: {assignmentPicture}
      </p>
    );
  }
  if (choice === 'mnist') {
    return (
      <p>
        <strong>Data: 10,000 MNIST digits built into the app</strong> ({count(numTrain)} for training, 1,000 for
        validation). Digits are easy: both nets generalize well (validation accuracy around 0.85 to 0.9 with 500
        examples) and dropout changes little. Choose the CIFAR-10 sample to see the assignment's result.
      </p>
    );
  }
  return (
    <p>
      <strong>Data: your own CIFAR-10 files</strong> (the first {count(numTrain)} training images; validation on the
      test batch when you give it). As in the assignment, with a small training set {assignmentPicture}
    </p>
  );
}
