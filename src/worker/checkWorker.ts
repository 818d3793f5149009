import { dropoutBackwardCheck, dropoutForwardCheck, netGradientCheck } from '../core/notebookChecks.ts';
import type { CheckRequest, CheckResponse } from './checkProtocol.ts';
import { errorMessage } from '../core/errorMessage.ts';
import { workerScope } from './workerScope.ts';

const scope = workerScope<CheckRequest, CheckResponse>();

export function runCheck(request: CheckRequest): CheckResponse {
  const { requestId } = request;
  try {
    switch (request.type) {
      case 'forward':
        return {
          type: 'forward',
          requestId,
          scaling: request.scaling,
          rows: dropoutForwardCheck({ scaling: request.scaling }),
        };
      case 'backward':
        return { type: 'backward', requestId, result: dropoutBackwardCheck() };
      case 'net':
        return { type: 'net', requestId, rows: netGradientCheck() };
    }
  } catch (error) {
    return { type: 'error', requestId, message: errorMessage(error) };
  }
}

scope.addEventListener('message', (event) => scope.postMessage(runCheck(event.data)));
