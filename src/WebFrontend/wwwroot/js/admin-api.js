// Calls to the ops-only admin API (/api/admin/…), through the one fetch wrapper in api.js. Without a valid sign-in
// the server answers 401: the user is sent to the login page, which brings them back here afterwards.
import { api, ApiError } from "./api.js";

const enc = encodeURIComponent;

/** /login.html?return=<this page>, so signing in lands back where the user was. */
export function loginUrl(location = window.location) {
  return `/login.html?${new URLSearchParams({ return: location.pathname + location.search + location.hash })}`;
}

async function admin(path, options) {
  try {
    return await api(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      window.location.assign(loginUrl());
      // The page is going away; never settle, so no error flashes up before it does.
      return new Promise(() => {});
    }
    throw error;
  }
}

export const getNetwork = () => admin("/api/admin/network");

export const putStop = (stopId, stop) => admin(`/api/admin/stops/${enc(stopId)}`, { method: "PUT", body: stop });
export const deleteStop = (stopId) => admin(`/api/admin/stops/${enc(stopId)}`, { method: "DELETE" });

export const putLayout = (code, layout) => admin(`/api/admin/layouts/${enc(code)}`, { method: "PUT", body: layout });

export const putCoach = (coachId, coach) => admin(`/api/admin/coaches/${enc(coachId)}`, { method: "PUT", body: coach });

export const putRoute = (routeId, route) => admin(`/api/admin/routes/${enc(routeId)}`, { method: "PUT", body: route });

/** Resolves to {scheduleId, tripsCreated}. */
export const putSchedule = (scheduleId, schedule) =>
  admin(`/api/admin/schedules/${enc(scheduleId)}`, { method: "PUT", body: schedule });
export const deleteSchedule = (scheduleId) => admin(`/api/admin/schedules/${enc(scheduleId)}`, { method: "DELETE" });

/** Blocks seats on the leg [from, to); 409 seats-unavailable lists the seats that are not free in `conflicts`. */
export const blockSeats = (tripId, { seats, from, to, reason }) =>
  admin(`/api/admin/trips/${enc(tripId)}/blocks`, { method: "POST", body: { seats, from, to, reason } });
export const unblockSeats = (tripId, { seats, from, to, reason }) =>
  admin(`/api/admin/trips/${enc(tripId)}/unblocks`, { method: "POST", body: { seats, from, to, reason } });

/** Resolves to {page, pageSize, hasMore, messages}: passenger notifications, newest first. */
export const getOutbox = ({ status, pnr, page }) =>
  admin("/api/admin/outbox", { query: { status: status || undefined, pnr: pnr || undefined, page: page || undefined } });
/** 409 outbox-message-not-retryable unless the message is retrying or dead. */
export const retryOutboxMessage = (id) => admin(`/api/admin/outbox/${enc(id)}/retry`, { method: "POST", body: {} });
/** Cancels the trip and refunds every booking; again finishes outstanding refunds. Resolves to the cancellation's progress. */
export const cancelTrip = (tripId, reason) =>
  admin(`/api/admin/trips/${enc(tripId)}/cancel`, { method: "POST", body: { reason } });
/** The cancellation's progress ({outstanding, settled, complete, …}); 400 when the trip is not cancelled. */
export const getTripCancellation = (tripId) => admin(`/api/admin/trips/${enc(tripId)}/cancellation`);
/** Moves the departure (ISO date-time with offset) later; every stop and booking moves with it. */
export const delayTrip = (tripId, departure, reason) =>
  admin(`/api/admin/trips/${enc(tripId)}/delay`, { method: "POST", body: { departure, reason } });
/** Puts another coach on the trip; 409 coach-incompatible lists the seats that would vanish in `conflicts`. */
export const changeTripCoach = (tripId, coachId, reason) =>
  admin(`/api/admin/trips/${enc(tripId)}/coach`, { method: "PUT", body: { coachId, reason } });

// ---------- staff accounts and the audit log ----------

export const getStaff = () => admin("/api/admin/staff");
/** Resolves to {staff, temporaryPassword} (the password only when none was given). */
export const createStaff = (staff) => admin("/api/admin/staff", { method: "POST", body: staff });
export const updateStaff = (id, change) => admin(`/api/admin/staff/${enc(id)}`, { method: "PATCH", body: change });
export const resetStaffPassword = (id) => admin(`/api/admin/staff/${enc(id)}/reset-password`, { method: "POST" });

/** Resolves to {items, page, pageSize, hasMore}, newest first. */
export const getAudit = ({ from, to, actor, target, page }) =>
  admin("/api/admin/audit", { query: { from, to, actor, target, page, pageSize: 50 } });

// ---------- hoarding console ----------

/** Resolves to {asOf, holders: [{phone, heldSeats, trips, holdsLastHour, expiredUnpaid, coolOffUntil, blocked, block, holds}]}. */
export const getHolders = () => admin("/api/admin/holders");
/** Releases every live hold of the phone; resolves to {holds, seats, trips, holder}. */
export const releaseHolder = (phone, reason) =>
  admin(`/api/admin/holders/${enc(phone)}/release`, { method: "POST", body: { reason } });
/** Refuses the phone's new holds until `until` (ISO with offset) for `reason`; resolves to the holder. */
export const blockHolder = (phone, reason, until) =>
  admin(`/api/admin/holders/${enc(phone)}/block`, { method: "POST", body: { reason, until } });
export const unblockHolder = (phone) => admin(`/api/admin/holders/${enc(phone)}/block`, { method: "DELETE" });
