/** Only for src/core/kernels' tests and bench, until that folder's owner points them at randomTensors.ts. */
export { randn, randomLabels } from './randomTensors.ts';
