// Calls of the staff-at-the-coach API (/api/staff/…): the passenger manifest and boarding. Without a valid sign-in the
// server answers 401 and the page sends the user to sign in, then back.
import { api, ApiError } from "./api.js";
import { loginUrl } from "./admin-api.js";

const enc = encodeURIComponent;

async function staff(path, options) {
  try {
    return await api(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      window.location.assign(loginUrl());
      return new Promise(() => {});
    }
    throw error;
  }
}

/** Resolves to the manifest: {tripId, routeCode, departure, coachRegistration, seats, boarded, passengers[]}. */
export const getManifest = (tripId) => staff(`/api/staff/trips/${enc(tripId)}/manifest`);

/** The CSV download address of a trip's manifest. */
export const manifestCsvUrl = (tripId) => `/api/staff/trips/${enc(tripId)}/manifest?format=csv`;

/** Boards by {qr} or {pnr}; resolves to {pnr, passengers, seats, alreadyBoarded, boardedAt, boardedBy}. */
export const board = (tripId, entry) => staff(`/api/staff/trips/${enc(tripId)}/boardings`, { method: "POST", body: entry });
