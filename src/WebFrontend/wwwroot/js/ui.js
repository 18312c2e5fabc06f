// Small pieces of markup and wording shared by the passenger pages.
import { ApiError } from "./api.js";
import { formatList, t } from "./i18n.js";
import { escapeHtml } from "./page.js";

/** Badge for a coach class ("AcBusiness" | "AcEconomy" | "NonAc"), text from the dictionaries. */
export function coachClassBadge(coachClass, size = "badge-sm") {
  const style = { AcBusiness: "badge-primary", AcEconomy: "badge-secondary", NonAc: "badge-neutral" }[coachClass] ?? "badge-ghost";
  return `<span class="badge ${size} ${style}">${escapeHtml(t(`coachClass.${coachClass}`))}</span>`;
}

/**
 * One sentence for an API failure: our own translated wording for a known error code, else the server's detail
 * (or title), else a generic message. The server's English is only a fallback: next to a translated message it
 * would say the same thing twice, the second time in the wrong language.
 */
export function problemText(error) {
  if (!(error instanceof ApiError)) return t("errors.generic");
  if (error.isNetworkError) return t("errors.network");
  const key = error.code ? `errors.code.${error.code}` : null;
  // Problems that name seats (ladies-seat) say which in the page's language too.
  const params = { seats: formatList((error.problem?.seats ?? []).map(String)) };
  const known = key && t(key) !== key ? t(key, params) : null;
  let text = known ?? (error.detail || error.title || t("errors.generic"));
  if (error.retryAfterSeconds) text += ` ${t("errors.retryAfter", { seconds: error.retryAfterSeconds })}`;
  return text;
}
