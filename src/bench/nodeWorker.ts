import { parentPort, workerData } from 'node:worker_threads';
import { failure, runConfiguration } from './configRunner.ts';
import type { NodeWorkerData, NodeWorkerMessage } from './nodeBench.ts';

/** A configuration in a worker thread (the core's runs). */
const port = parentPort!;
const send = (m: NodeWorkerMessage) => port.postMessage(m);
runConfiguration(workerData as NodeWorkerData, send, (go) => port.once('message', go)).catch((error: unknown) =>
  send(failure(error)),
);
