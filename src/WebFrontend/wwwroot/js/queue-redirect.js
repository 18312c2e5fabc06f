// Sends a passenger from the trip page to the sale's waiting room when a hold answers that an admission is needed,
// remembering the trip page so the waiting room can bring them back once admitted.
import { ApiError } from "./api.js";
import { returnKey } from "./queue-model.js";

const QUEUE_CODES = new Set(["queue-required", "admission-expired", "admission-invalid"]);

/** True (and navigating) when `error` is a waiting-room refusal; false for anything else. */
export function sendToQueue(error) {
  if (!(error instanceof ApiError) || error.status !== 403 || !QUEUE_CODES.has(error.code)) return false;
  const windowId = error.problem?.windowId;
  if (typeof windowId !== "string" || windowId.length === 0) return false;
  try {
    sessionStorage.setItem(returnKey(windowId), window.location.href);
  } catch {
    // Private mode without storage: the waiting page falls back to the search page.
  }
  window.location.assign(`/queue.html?window=${encodeURIComponent(windowId)}`);
  return true;
}
