/**
 * When a run steps and checks, as the assignment's Solver (solver.py) decides it; every trainer (the CPU Solver, the GPU
 * trainer) follows this one schedule.
 */
export interface TrainingSchedule {
  iterationsPerEpoch: number;
  numIterations: number;
}

/** Iterations per epoch and in all, as the assignment's Solver counts them. */
export function trainingSchedule(numTrain: number, batchSize: number, numEpochs: number): TrainingSchedule {
  const iterationsPerEpoch = Math.max(Math.floor(numTrain / batchSize), 1);
  return { iterationsPerEpoch, numIterations: numEpochs * iterationsPerEpoch };
}

/** Whether step `step` (0-based, just run) is followed by an accuracy check: after the first, at each epoch's end, at the last. */
export function checkDue(step: number, iterationsPerEpoch: number, numIterations: number): boolean {
  const done = step + 1;
  return step === 0 || done >= numIterations || done % iterationsPerEpoch === 0;
}

/** How many accuracy checks a whole run makes. */
export function checksInRun({ iterationsPerEpoch, numIterations }: TrainingSchedule): number {
  let checks = 0;
  for (let t = 0; t < numIterations; t++) if (checkDue(t, iterationsPerEpoch, numIterations)) checks++;
  return checks;
}
