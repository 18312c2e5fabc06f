// Sign-in state for every page. The access token (15 minutes) lives in sessionStorage, the refresh token in
// localStorage so a new tab stays signed in. api.js asks here for the bearer token of each call (and the hub
// connection for its accessTokenFactory); an expired token is refreshed silently, once, before giving up.
// Only a 401 from the refresh endpoint (session expired, revoked or reused) signs the user out here: a 429 or a
// server/network failure keeps the session, waits (Retry-After) and tries again, so a busy server never turns a
// signed-in passenger into an anonymous one.
import { api, ApiError, setAccessTokenProvider, setUnauthorizedHandler } from "./api.js";

const ACCESS_KEY = "dp.access";
const REFRESH_KEY = "dp.refresh";
const USER_KEY = "dp.user";
// Refresh a little before expiry, so a request never leaves with a token about to lapse.
const EARLY_MS = 30_000;
// Refresh attempts after a 429/5xx/network failure before giving up for now (the session is kept either way).
const REFRESH_ATTEMPTS = 4;
// The longest wait between two attempts, whatever Retry-After says, and the wait when it says nothing.
const MAX_WAIT_MS = 30_000;
const DEFAULT_WAIT_MS = 2_000;
// Code requests per sign-in, counting those answered with a puzzle: one puzzle, and one more if it expired meanwhile.
const CHALLENGE_ATTEMPTS = 3;

let wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** For tests: replace the timer used between refresh attempts. */
export function setRefreshWait(fn) {
  wait = fn;
}

let refreshing = null;
const listeners = new Set();

/** The signed-in user ({id, name, role, counterId, login, phoneVerified}) or null. */
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

/**
 * Asks for a sign-in code by SMS. Resolves to {phone, expiresInSeconds, resendAfterSeconds, demoCode}; demoCode is
 * only set on a demo server without an SMS gateway. When many sign-ins come from the same network (carrier NAT) the
 * server answers 428 challenge-required with a proof-of-work puzzle: it is solved here and the request retried,
 * with onChecking(true) before the solving and onChecking(false) once the retry is answered, so the page can say
 * what is going on.
 */
export async function requestSignInCode(phone, language, { onChecking, signal } = {}) {
  let proof = {};
  let checking = false;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await api("/api/auth/otp", { method: "POST", body: { phone, language, ...proof }, auth: false, signal });
      } catch (error) {
        // A fresh challenge also comes back when a solution arrived after its challenge expired (a very slow phone).
        if (!(error instanceof ApiError) || error.code !== "challenge-required") throw error;
        // Loaded on first need: most sign-ins never meet a puzzle, and the offline pages that import this module
        // precache only what they import statically.
        const { challengeOf, solveChallenge } = await import("./proof-of-work.js");
        const challenge = challengeOf(error.problem);
        if (!challenge || attempt >= CHALLENGE_ATTEMPTS) throw error;
        if (!checking) onChecking?.((checking = true));
        const { solution } = await solveChallenge(challenge, { signal });
        proof = { challenge: challenge.token, solution };
      }
    }
  } finally {
    // The line stays until the retried request is answered: solving and sending are one wait for the user.
    if (checking) onChecking?.(false);
  }
}

/** Trades the SMS code for a session (the first sign-in creates the passenger account). */
export async function signInWithCode(phone, code) {
  saveSession(await api("/api/auth/otp/verify", { method: "POST", body: { phone, code }, auth: false }));
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
    try {
      for (let attempt = 1; ; attempt++) {
        const refreshToken = localStorage.getItem(REFRESH_KEY);
        if (!refreshToken) return null;
        try {
          const session = await api("/api/auth/refresh", { method: "POST", body: { refreshToken }, auth: false });
          saveSession(session);
          return session.accessToken;
        } catch (error) {
          // 401: the session is over (expired, revoked, or reused elsewhere); only then sign out here.
          if (error instanceof ApiError && error.status === 401) {
            clearSession();
            return null;
          }
          // 429, 5xx, network: the session is fine, the server is busy. Wait as told and try again.
          if (!isTransient(error) || attempt >= REFRESH_ATTEMPTS) return null;
          await wait(retryWaitMs(error));
        }
      }
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function isTransient(error) {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/** Milliseconds to wait after a refused refresh: Retry-After when given (capped), else a short pause. */
export function retryWaitMs(error) {
  const seconds = error?.retryAfterSeconds;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_WAIT_MS) : DEFAULT_WAIT_MS;
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
