import { installFastKernels, type KernelPath } from '../core/kernels/index.ts';
import type { FromTrainWorker, ToTrainWorker } from './trainProtocol.ts';
import { TrainingSession } from './trainingSession.ts';
import { errorMessage } from '../core/errorMessage.ts';
import { workerScope } from './workerScope.ts';

const scope = workerScope<ToTrainWorker, FromTrainWorker>();
let session: TrainingSession | null = null;
let runId: string | null = null;
/** WebAssembly SIMD kernels when the engine has them; installed again only when a run asks for the other kind. */
let installed: { relaxed: boolean; path: Promise<KernelPath> } | null = null;

function kernelsFor(relaxed: boolean): Promise<KernelPath> {
  if (installed?.relaxed !== relaxed) installed = { relaxed, path: installFastKernels({ relaxed }) };
  return installed.path;
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'start') {
    runId = message.runId;
    const { configId } = message;
    const fail = (error: unknown) => scope.postMessage({ type: 'error', runId: message.runId, configId, message: errorMessage(error) });
    kernelsFor(message.config.kernels === 'fast')
      .then((kernel) => {
        session = new TrainingSession(message, (m, transfer) => scope.postMessage(m, transfer), kernel);
        return session.run();
      })
      .catch(fail);
    return;
  }
  if (!session || message.runId !== runId) return;
  if (message.type === 'pause') session.pause();
  else if (message.type === 'resume') session.resume();
  else if (message.type === 'step') session.step();
  else if (message.type === 'inspect') session.inspect(message.example, message.layer);
  else if (message.type === 'features') session.showFeatures(message.view);
});
