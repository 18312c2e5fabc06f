// Calls to the ops report API (/api/reports/…). Like admin-api.js, a 401 sends the user to sign in and back.
import { accessToken, api, ApiError } from "./api.js";
import { loginUrl } from "./admin-api.js";

async function ops(path, options) {
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

/** One report as JSON: {from, to, rows}. `kind` is the path segment (sales, channels, trip-load, …). */
export const getReport = (kind, from, to) => ops(`/api/reports/${encodeURIComponent(kind)}`, { query: { from, to } });

export const getTodayTrips = () => ops("/api/reports/today");
export const getCluster = () => ops("/api/reports/cluster");
export const getDashboardInfo = () => ops("/api/reports/info");
export const findBookings = (q) => ops("/api/reports/bookings", { query: { q } });

/**
 * Downloads a report as CSV. A plain link cannot carry the bearer token, so the file is fetched here and handed to
 * the browser as a blob with the server's file name.
 */
export async function downloadCsv(kind, from, to) {
  const url = new URL(`/api/reports/${encodeURIComponent(kind)}`, window.location.origin);
  url.search = new URLSearchParams({ from, to, format: "csv" }).toString();
  const token = await accessToken();
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: "same-origin" });
  if (!response.ok) {
    let problem = { title: response.statusText, status: response.status };
    try {
      problem = await response.json();
    } catch {
      // Not a ProblemDetails body; keep the status line.
    }
    throw new ApiError(response.status, problem, null);
  }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `${kind}.csv`;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
