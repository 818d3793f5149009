/** Module worker: parses datasets off the main thread. All logic lives in dataRequests.ts. */
import type { DataRequest } from './dataProtocol.ts';
import { handleDataRequest } from './dataRequests.ts';

self.addEventListener('message', (event: MessageEvent<DataRequest>) => {
  void handleDataRequest(event.data, (response, transfer) => self.postMessage(response, { transfer }));
});
