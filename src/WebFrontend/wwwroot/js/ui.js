// Small pieces of markup and wording shared by the passenger pages.
import { ApiError } from "./api.js";
import { t } from "./i18n.js";
import { escapeHtml } from "./page.js";

/** Badge for a coach class ("AcBusiness" | "AcEconomy" | "NonAc"), text from the dictionaries. */
export function coachClassBadge(coachClass, size = "badge-sm") {
  const style = { AcBusiness: "badge-primary", AcEconomy: "badge-secondary", NonAc: "badge-neutral" }[coachClass] ?? "badge-ghost";
  return `<span class="badge ${size} ${style}">${escapeHtml(t(`coachClass.${coachClass}`))}</span>`;
}

/**
 * A sentence for an API failure: our own wording for known error codes (with the server's detail when it
 * adds something), else the ProblemDetails title and detail, else a generic message.
 */
export function problemText(error) {
  if (!(error instanceof ApiError)) return t("errors.generic");
  if (error.isNetworkError) return t("errors.network");
  const key = error.code ? `errors.code.${error.code}` : null;
  const known = key && t(key) !== key ? t(key) : null;
  let text = known ?? ([error.title, error.detail].filter(Boolean).join(": ") || t("errors.generic"));
  if (known && error.detail) text += ` (${error.detail})`;
  if (error.retryAfterSeconds) text += ` ${t("errors.retryAfter", { seconds: error.retryAfterSeconds })}`;
  return text;
}
