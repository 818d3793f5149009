import { createDataClient, type DataClient } from '../data/dataClient.ts';
import { createCheckClient, type CheckClient } from '../worker/checkClient.ts';
import { startTrainingRun, type StartTrainingRun, type TrainingRunHandle } from '../worker/trainClient.ts';

/** The workers the store talks to, created on first use; tests may replace them. */
let checkClient: CheckClient | null = null;
let dataClient: DataClient | null = null;
let trainingRunStarter: (options: StartTrainingRun) => TrainingRunHandle = startTrainingRun;

export const services = {
  checkClient(): CheckClient {
    return (checkClient ??= createCheckClient());
  },
  dataClient(): DataClient {
    return (dataClient ??= createDataClient());
  },
  startTrainingRun(options: StartTrainingRun): TrainingRunHandle {
    return trainingRunStarter(options);
  },
  replace(parts: { checkClient?: CheckClient; dataClient?: DataClient; startTrainingRun?: typeof startTrainingRun }): void {
    if (parts.checkClient) checkClient = parts.checkClient;
    if (parts.dataClient) dataClient = parts.dataClient;
    if (parts.startTrainingRun) trainingRunStarter = parts.startTrainingRun;
  },
};
