/** Turns the SDK's typed errors into sentences a user can act on. */
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type VoicesError,
} from "@noiz-voices/client";

/** One line that says what went wrong and, where there is one, what to do. */
export function describeError(error: VoicesError): string {
  if (error instanceof AuthenticationError) {
    return "The Voices API refused the backend's API key. Check NOIZ_API_KEY where the backend runs.";
  }
  if (error instanceof RateLimitError) {
    const wait = error.retryAfterMs ? ` Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.` : "";
    return `The account's quota is used up.${wait}`;
  }
  if (error instanceof NotFoundError) return "That voice doesn't exist (it may have been deleted).";
  if (error instanceof TimeoutError) return "The Voices API took too long to answer. Try again.";
  if (error instanceof ConnectionError) return "Couldn't reach the backend. Is it running?";
  if (error instanceof ServerError) return `The Voices API failed (HTTP ${error.status}). Try again in a moment.`;
  return error.message;
}
