// English/Bangla strings and locale-aware formatting for every page.
//
// Strings live only in /i18n/{lang}.json. Markup asks for them with
//   data-i18n="key.path"                      -> element text
//   data-i18n-attr="attr:key.path,attr:key"   -> attributes (placeholder, aria-label, title, …)
// and scripts call t("key.path", { name: value }). A value that is an object with "one"/"other" is a
// plural, chosen by the `count` parameter. Numbers passed as parameters are formatted for the language,
// so Bangla mode shows Bangla digits everywhere without each caller remembering to.
//
// All dates and times are shown in Asia/Dhaka time, whatever the device's time zone.

const STORAGE_KEY = "dp.lang";
const LANGS = ["en", "bn"];
const LOCALES = { en: "en-IN", bn: "bn-BD" };
export const TIME_ZONE = "Asia/Dhaka";

const dictionaries = {};
let current = "en";
const listeners = new Set();
const formatters = new Map();

/** The active language: "en" or "bn". */
export function lang() {
  return current;
}

/** The BCP 47 locale used for numbers and dates in the active language. */
export function locale() {
  return LOCALES[current];
}

/**
 * Loads the remembered (or browser-preferred) language and fills the page's data-i18n elements.
 * Call once per page before rendering anything dynamic.
 */
export async function initI18n() {
  const stored = safeStorageGet();
  const preferred = LANGS.includes(stored) ? stored : browserLanguage();
  try {
    await setLang(preferred, { persist: false });
  } catch (error) {
    if (preferred !== "en") await setLang("en", { persist: false });
    else throw error;
  }
}

/** Switches language, remembers it, re-translates the page and notifies onLangChange listeners. */
export async function setLang(next, { persist = true } = {}) {
  if (!LANGS.includes(next)) next = "en";
  // English is always loaded as the fallback for keys a translation lacks.
  await Promise.all([loadDictionary("en"), loadDictionary(next)]);
  current = next;
  formatters.clear();
  if (persist) safeStorageSet(next);
  if (next === "bn") preloadBanglaFont();
  document.documentElement.lang = next;
  applyI18n(document);
  for (const listener of listeners) listener(next);
}

/**
 * Starts downloading the self-hosted Bangla font (see Styles/app.css) before the page is re-translated, so the
 * first Bangla paint does not wait for the browser to discover that it needs the font. Only on Bangla pages: an
 * English page never downloads it.
 */
export const BANGLA_FONTS = ["/dist/fonts/noto-sans-bengali-400.woff2", "/dist/fonts/noto-sans-bengali-700.woff2"];

function preloadBanglaFont() {
  if (!document.head) return;
  for (const href of BANGLA_FONTS) {
    if (document.head.querySelector(`link[rel="preload"][href="${href}"]`)) continue;
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "font";
    link.type = "font/woff2";
    link.href = href;
    // Fonts are always fetched in CORS mode; without crossorigin the preload would not be reused.
    link.crossOrigin = "anonymous";
    document.head.append(link);
  }
}

export function toggleLang() {
  return setLang(current === "bn" ? "en" : "bn");
}

/** Calls listener(lang) after every language switch (to re-render dynamic content). */
export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Looks up a string and fills {placeholders}. Missing keys fall back to English, then to the key. */
export function t(key, params = {}) {
  let value = lookup(dictionaries[current], key) ?? lookup(dictionaries.en, key);
  if (value && typeof value === "object") {
    const category = typeof params.count === "number" ? pluralRules().select(params.count) : "other";
    value = value[category] ?? value.other;
  }
  if (typeof value !== "string") return key;
  return value.replace(/\{(\w+)\}/g, (match, name) => {
    if (!(name in params)) return match;
    const param = params[name];
    return typeof param === "number" ? formatNumber(param) : String(param);
  });
}

/** Fills data-i18n / data-i18n-attr elements under root (the document or a freshly built fragment). */
export function applyI18n(root) {
  const scope = root.querySelectorAll ? root : document;
  const own = scope.matches ? [scope] : [];
  for (const el of [...own, ...scope.querySelectorAll("[data-i18n]")]) {
    if (el.dataset.i18n) el.textContent = t(el.dataset.i18n, paramsOf(el));
  }
  for (const el of [...own, ...scope.querySelectorAll("[data-i18n-attr]")]) {
    if (!el.dataset.i18nAttr) continue;
    for (const pair of el.dataset.i18nAttr.split(",")) {
      const [attr, key] = pair.split(":").map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key, paramsOf(el)));
    }
  }
}

// ---------- formatting ----------

export function formatNumber(value) {
  return formatter("number", () => new Intl.NumberFormat(locale())).format(value);
}

/** Whole taka with the taka sign: "৳ 1,200" / "৳ ১,২০০" (wrap in .whitespace-nowrap where it may break). */
export function formatTaka(amount) {
  return `৳ ${formatNumber(Math.round(amount))}`;
}

/** Clock time in Dhaka: "8:30 am" / "সকাল ৮:৩০". */
export function formatTime(value) {
  const date = toDate(value);
  if (current !== "bn") {
    return formatter("time", () =>
      new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, hour: "numeric", minute: "2-digit", hour12: true }),
    ).format(date);
  }
  // Bangla names the part of the day before the time ("সকাল ৮:৩০"); Intl puts it after.
  const parts = formatter("time-bn", () =>
    new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, hour: "numeric", minute: "2-digit", dayPeriod: "short" }),
  ).formatToParts(date);
  const period = parts.find((p) => p.type === "dayPeriod")?.value;
  const clock = parts
    .filter((p) => p.type !== "dayPeriod")
    .map((p) => p.value)
    .join("")
    .trim();
  return period ? `${period} ${clock}` : clock;
}

/** Short date in Dhaka: "Thu, 12 Jun" / "বৃহস্পতি, ১২ জুন". Accepts Date, ISO string or "YYYY-MM-DD". */
export function formatDate(value, { long = false } = {}) {
  const options = long
    ? { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" }
    : { timeZone: TIME_ZONE, weekday: "short", day: "numeric", month: "short" };
  return formatter(long ? "date-long" : "date", () => new Intl.DateTimeFormat(locale(), options)).format(toDate(value));
}

/** Duration between two instants: "5h 30m" / "৫ ঘণ্টা ৩০ মিনিট". */
export function formatDuration(start, end) {
  const minutes = Math.max(0, Math.round((toDate(end) - toDate(start)) / 60000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return t("duration.hm", { h, m });
  return h ? t("duration.h", { h }) : t("duration.m", { m });
}

/** mm:ss for a countdown, in the active language's digits. */
export function formatCountdown(milliseconds) {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const mm = String(Math.floor(total / 60)).padStart(2, "0");
  const ss = String(total % 60).padStart(2, "0");
  return toLocalDigits(`${mm}:${ss}`);
}

/** Replaces ASCII digits with the active language's digits (for labels built from codes, times…). */
export function toLocalDigits(text) {
  if (current !== "bn") return String(text);
  return String(text).replace(/[0-9]/g, (d) => "০১২৩৪৫৬৭৮৯"[d]);
}

/** A list of seat labels or names: "A1, A2 and A3" / "A1, A2 ও A3". */
export function formatList(items) {
  return formatter("list", () => new Intl.ListFormat(locale(), { style: "long", type: "conjunction" })).format(items);
}

/** Today's date in Dhaka as YYYY-MM-DD. */
export function todayInDhaka(now = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);
}

/** The Dhaka calendar date (YYYY-MM-DD) of an instant. */
export function dhakaDateOf(value) {
  return todayInDhaka(toDate(value));
}

/** YYYY-MM-DD plus n days. */
export function addDays(ymd, days) {
  const date = new Date(`${ymd}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A stop's name in the active language. */
export function stopName(stop) {
  if (!stop) return "";
  return (current === "bn" ? stop.nameBn : stop.nameEn) || stop.nameEn || stop.nameBn || String(stop.id ?? stop.stopId ?? "");
}

/** A route's name in the active language. */
export function routeName(route) {
  return (current === "bn" ? route.routeNameBn : route.routeName) || route.routeName || route.routeCode || "";
}

// ---------- internals ----------

function toDate(value) {
  if (value instanceof Date) return value;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00+06:00`);
  return new Date(value);
}

function formatter(name, create) {
  if (!formatters.has(name)) formatters.set(name, create());
  return formatters.get(name);
}

function pluralRules() {
  return formatter("plural", () => new Intl.PluralRules(locale()));
}

function paramsOf(el) {
  if (!el.dataset.i18nParams) return {};
  try {
    return JSON.parse(el.dataset.i18nParams);
  } catch {
    return {};
  }
}

function lookup(dictionary, key) {
  let node = dictionary;
  for (const part of key.split(".")) {
    if (node == null || typeof node !== "object") return undefined;
    node = node[part];
  }
  return node;
}

async function loadDictionary(name) {
  if (dictionaries[name]) return;
  const response = await fetch(`/i18n/${name}.json`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`Could not load /i18n/${name}.json (${response.status})`);
  dictionaries[name] = await response.json();
}

function browserLanguage() {
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language || "en"];
  return languages.some((l) => l.toLowerCase().startsWith("bn")) ? "bn" : "en";
}

function safeStorageGet() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function safeStorageSet(value) {
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
