// Sign-in state for every page. The access token (15 minutes) lives in sessionStorage, the refresh token in
// localStorage so a new tab stays signed in. api.js asks here for the bearer token of each call (and the hub
// connection for its accessTokenFactory); an expired token is refreshed silently, once, before giving up.
import { api, ApiError, setAccessTokenProvider, setUnauthorizedHandler } from "./api.js";

const ACCESS_KEY = "dp.access";
const REFRESH_KEY = "dp.refresh";
const USER_KEY = "dp.user";
// Refresh a little before expiry, so a request never leaves with a token about to lapse.
const EARLY_MS = 30_000;

let refreshing = null;
const listeners = new Set();

/** The signed-in user ({id, name, role, counterId, login}) or null. */
export function currentUser() {
  return readJson(localStorage, USER_KEY);
}

/** Calls fn(user|null) whenever someone signs in or out (also from another tab). */
export function onAuthChange(fn) {
  listeners.add(fn);
}

/**
 * Signs in. Resolves to null when signed in, or, when the password was a temporary one ops handed out, to
 * {token, password} for changePassword(): that token is good for nothing else, so it is not kept as the session.
 */
export async function signIn(login, password) {
  const session = await api("/api/auth/login", { method: "POST", body: { login, password }, auth: false });
  if (session.passwordChangeRequired) return { token: session.accessToken, password };
  saveSession(session);
  return null;
}

/** Replaces a temporary password (pending from signIn) with a new one and keeps the new session. */
export async function changePassword(pending, newPassword) {
  saveSession(
    await api("/api/auth/password", {
      method: "POST",
      body: { currentPassword: pending.password, newPassword },
      headers: { Authorization: `Bearer ${pending.token}` },
      auth: false,
    }),
  );
}

export async function register(login, password, name) {
  saveSession(await api("/api/auth/register", { method: "POST", body: { login, password, name }, auth: false }));
}

/** Revokes the session on the server (best effort) and forgets it here. */
export async function signOut() {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  clearSession();
  if (refreshToken) {
    await api("/api/auth/logout", { method: "POST", body: { refreshToken }, auth: false }).catch(() => {});
  }
}

/** Trades the refresh token for a new pair; resolves to the new access token, or null when signed out. */
export function refreshSession() {
  refreshing ??= (async () => {
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return null;
    try {
      const session = await api("/api/auth/refresh", { method: "POST", body: { refreshToken }, auth: false });
      saveSession(session);
      return session.accessToken;
    } catch (error) {
      // 401: the session is over (expired, revoked, or reused elsewhere). Anything else: keep it for a retry.
      if (error instanceof ApiError && error.status === 401) clearSession();
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function tokenForRequest() {
  const access = readJson(sessionStorage, ACCESS_KEY);
  if (access && Date.parse(access.expiresAt) - EARLY_MS > Date.now()) return access.token;
  return localStorage.getItem(REFRESH_KEY) ? refreshSession() : null;
}

function saveSession(session) {
  sessionStorage.setItem(ACCESS_KEY, JSON.stringify({ token: session.accessToken, expiresAt: session.accessTokenExpiresAt }));
  if (session.refreshToken) localStorage.setItem(REFRESH_KEY, session.refreshToken);
  localStorage.setItem(USER_KEY, JSON.stringify(session.user));
  notify();
}

function clearSession() {
  sessionStorage.removeItem(ACCESS_KEY);
  localStorage.removeItem(REFRESH_KEY);
  localStorage.removeItem(USER_KEY);
  notify();
}

function notify() {
  const user = currentUser();
  for (const listener of listeners) listener(user);
}

function readJson(storage, key) {
  try {
    return JSON.parse(storage.getItem(key) ?? "null");
  } catch {
    return null;
  }
}

setAccessTokenProvider(tokenForRequest);
setUnauthorizedHandler(refreshSession);
// Another tab signed in or out. (Guarded so the module also loads in Node's test runner, which has no window.)
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === USER_KEY) notify();
  });
}
