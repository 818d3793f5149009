import type { FromTrainWorker, ToTrainWorker } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';
import { errorMessage, workerScope } from './workerScope.ts';

const scope = workerScope<ToTrainWorker, FromTrainWorker>();
let session: TrainingSession | null = null;
let runId: string | null = null;

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'start') {
    runId = message.runId;
    const { configId } = message;
    try {
      session = new TrainingSession(message, (m, transfer) => scope.postMessage(m, transfer));
      session.run().catch((error) => scope.postMessage({ type: 'error', runId: message.runId, configId, message: errorMessage(error) }));
    } catch (error) {
      scope.postMessage({ type: 'error', runId: message.runId, configId, message: errorMessage(error) });
    }
    return;
  }
  if (!session || message.runId !== runId) return;
  if (message.type === 'pause') session.pause();
  else if (message.type === 'resume') session.resume();
  else if (message.type === 'step') session.step();
  else if (message.type === 'inspect') session.inspect(message.example);
});
