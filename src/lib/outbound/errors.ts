/**
 * The one error the outbound guard throws. Its `message` never depends on what listens
 * behind an address (no port-scan oracle): a refused connection, a reset, a DNS failure and
 * an address that is not allowed all read the same. `detail` is for logs only.
 */

/** Why an outbound request failed. */
type OutboundErrorCode = "blocked_url" | "timeout" | "too_large" | "unreachable" | "bad_response";

/** One message for "blocked" and "unreachable": the two must not be told apart by a user. */
export const NOT_REACHABLE_MESSAGE = "The address could not be reached or is not allowed";

const MESSAGES: Record<OutboundErrorCode, string> = {
  blocked_url: NOT_REACHABLE_MESSAGE,
  unreachable: NOT_REACHABLE_MESSAGE,
  timeout: "The address did not answer in time",
  too_large: "The answer is larger than allowed",
  bad_response: "The address gave an unusable answer",
};

/**
 * An outbound request failed. `code`: `blocked_url` (scheme, host or resolved address not
 * allowed), `unreachable` (DNS failure, refused, reset), `timeout`, `too_large` (past
 * `maxBytes`), `bad_response` (too many redirects, a broken answer).
 * `requestSent` is false when the request cannot have reached the server (blocked, or no
 * connection was made), so repeating it is safe. `detail` is internal (logs only).
 */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    readonly requestSent = false,
    readonly detail?: string,
  ) {
    super(MESSAGES[code]);
    this.name = "OutboundError";
  }
}
