// What the seat map does when a hold request fails, decided without the DOM so it can be tested in Node:
// ask for the SMS code, mark the seats others took, or just say what went wrong.
import { ApiError } from "./api.js";

/**
 * @returns {{kind: "verify-phone"} | {kind: "conflict", conflicts: string[]} | {kind: "other", refresh: boolean}}
 *   verify-phone: holding needs a verified phone (sign in, keep the selection, hold again);
 *   conflict: these seats were taken (the server's list, else all asked for); other: show the problem, and
 *   refresh the map when it was a conflict of another kind.
 */
export function holdFailure(error, seats) {
  if (error instanceof ApiError && error.status === 401 && error.code === "phone-verification-required") return { kind: "verify-phone" };
  if (error instanceof ApiError && error.status === 409 && error.code === "seats-unavailable") {
    return { kind: "conflict", conflicts: (error.conflicts.length ? error.conflicts : seats).map(String) };
  }
  return { kind: "other", refresh: error instanceof ApiError && error.status === 409 };
}

/** A request lost in the network may have reached the server: retrying the same seats must reuse its request id. */
export function keepsRequestId(error) {
  return error instanceof ApiError && error.isNetworkError;
}
