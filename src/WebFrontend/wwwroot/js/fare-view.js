// Shared rendering of a booking's details for the booking and ticket pages: fare breakdown lines (from
// book-model.js fareLines) and boarding/dropping point names in the page language.
import { formatTaka, lang, stopName, t } from "./i18n.js";
import { escapeHtml } from "./page.js";

/** A boarding or dropping point's name in the page language. */
export function pointName(point) {
  return (lang() === "bn" ? point?.nameBn : point?.nameEn) ?? point?.id ?? "";
}

/**
 * One fare line as a list item: label on the left, amount (negative for a discount) on the right. nameOf(stopId,
 * fallback) names a leg's stops in the page language (the trip's stops know both names).
 */
export function fareLineHtml(line, nameOf = (id, fallback) => fallback) {
  const label =
    line.kind === "leg" && line.fromName
      ? t("book.fareLeg", {
          from: nameOf(line.from, lang() === "bn" ? line.fromNameBn : line.fromName),
          to: nameOf(line.to, lang() === "bn" ? line.toNameBn : line.toName),
          fare: formatTaka(line.perSeat),
          count: line.params.count,
        })
      : line.kind === "leg"
        ? t("book.fareLine", { fare: formatTaka(line.perSeat), count: line.params.count })
        : t(line.key);
  const amount = line.amount < 0 ? `−${formatTaka(-line.amount)}` : formatTaka(line.amount);
  return `<li class="flex items-baseline justify-between gap-2" data-fare-kind="${escapeHtml(line.kind)}">
      <span class="opacity-80">${escapeHtml(label)}</span><span class="whitespace-nowrap tabular-nums">${escapeHtml(amount)}</span></li>`;
}

/** nameOf for fareLineHtml from a trip's stops ({stopId, nameEn, nameBn}); unknown ids keep the given name. */
export function stopNamer(stops) {
  return (id, fallback) => {
    const stop = (stops ?? []).find((s) => String(s.stopId) === String(id));
    return stop ? stopName(stop) : fallback;
  };
}
