/** The Node client: the core's client on the undici adapter, with keep-alive sockets. */
import {
  createVoicesClient as createCoreClient,
  ValidationError,
  type VoicesClient,
  type VoicesClientOptions,
} from "@noiz-voices/client";
import { Agent } from "undici";
import { createUndiciAdapter } from "./adapter.js";

/** Default for `connections`: enough for `listAll`'s pages and a busy server's calls, not a socket storm. */
export const DEFAULT_CONNECTIONS = 16;

/** Options of the Node client: the core's options, plus the socket pool's size. */
export interface NodeVoicesClientOptions extends VoicesClientOptions {
  /** The most sockets open at once to the API's origin (default 16); further calls wait for one. */
  connections?: number;
}

/**
 * Creates a client whose requests go over undici with keep-alive sockets: the same `VoicesClient`
 * as `@noiz-voices/client`'s, at a fraction of fetch's cost, and `clone` streams a `fileFromPath`
 * file from disk with flat memory. Idle sockets do not keep the process alive. With `fetch` (or
 * `adapter`) given, requests go through it instead, as in the core client.
 */
export function createVoicesClient(options: NodeVoicesClientOptions = {}): VoicesClient {
  // Anything but an object is the core's to reject, with its own message.
  if (typeof options !== "object" && options !== undefined) return createCoreClient(options);
  const { connections = DEFAULT_CONNECTIONS, ...core } = options ?? {};
  if (!Number.isSafeInteger(connections) || connections < 1) {
    throw new ValidationError("connections", `connections must be an integer >= 1 (default ${DEFAULT_CONNECTIONS}).`);
  }
  if (core.fetch || core.adapter) return createCoreClient(core);
  // The core owns every timeout: undici's own header and body timers would cut long uploads short.
  const agent = new Agent({ connections, headersTimeout: 0, bodyTimeout: 0 });
  return createCoreClient({ ...core, adapter: createUndiciAdapter(agent) });
}
