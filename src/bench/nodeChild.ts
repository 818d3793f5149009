import { failure, runConfiguration } from './configRunner.ts';
import type { NodeWorkerData, NodeWorkerMessage } from './nodeBench.ts';

/** A configuration in a child process (the WebGPU runs): its data comes as the first message, "go" as the second. */
const send = (m: NodeWorkerMessage) => process.send!(m);
process.once('message', (data: NodeWorkerData) => {
  runConfiguration(data, send, (go) => process.once('message', go)).catch((error: unknown) => send(failure(error)));
});
