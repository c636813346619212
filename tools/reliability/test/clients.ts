// Every client the suites run against: the same behaviour is owed by both transports.
import { createVoicesClient as createFetchClient } from "@noiz-voices/client";
import { createVoicesClient as createNodeClient } from "@noiz-voices/node";

/** The fetch client (the core's default adapter) and the Node client (undici), by name. */
export const clients = [
  { name: "fetch client", createVoicesClient: createFetchClient },
  { name: "Node client", createVoicesClient: createNodeClient },
] as const;
