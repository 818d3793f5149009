import { createCheckClient, type CheckClient } from '../worker/checkClient.ts';

/** The workers the store talks to, created on first use; tests may replace them. */
let checkClient: CheckClient | null = null;

export const services = {
  checkClient(): CheckClient {
    return (checkClient ??= createCheckClient());
  },
  setCheckClient(client: CheckClient): void {
    checkClient = client;
  },
};
