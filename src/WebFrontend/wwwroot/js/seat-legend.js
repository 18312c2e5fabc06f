// The seat map's legend (trip.html): seat states, the ladies-seat marking, the gender markers of sold seats, the driver
// and the door, in the page's language.
import { t } from "./i18n.js";
import { icon, seatStateIcon } from "./icons.js";
import { escapeHtml } from "./page.js";
import { genderMarkHtml } from "./seat-marks.js";

const $ = window.jQuery;
const LEGEND_STATES = ["free", "selected", "held", "sold", "blocked", "mine"];

const item = (swatch, text) => `<li class="flex items-center gap-2">${swatch}<span>${escapeHtml(text)}</span></li>`;

export function renderLegend() {
  const items = LEGEND_STATES.map((state) => {
    const name = seatStateIcon[state];
    return item(`<span class="seat seat-swatch" data-state="${state}" aria-hidden="true">${name ? icon(name, "size-3.5") : ""}</span>`,
      t(`seat.legend.${state}`));
  });
  items.push(item('<span class="seat seat-swatch" data-state="free" data-ladies="true" data-legend="ladies" aria-hidden="true"></span>',
    t("seat.legend.ladies")));
  for (const gender of ["female", "male"]) {
    items.push(item(`<span class="seat seat-swatch" data-state="sold" data-legend="${gender}" aria-hidden="true">${genderMarkHtml("sold", gender)}</span>`,
      t(`seat.legend.${gender}`)));
  }
  items.push(item(`<span class="grid size-7 place-items-center">${icon("steering", "size-4")}</span>`, t("trip.driver")));
  items.push(item(`<span class="grid size-7 place-items-center">${icon("door", "size-4 text-accent")}</span>`, t("trip.door")));
  items.push(`<li id="ladies-note" class="col-span-full text-xs opacity-70">${escapeHtml(t("seat.ladiesNote"))}</li>`);
  $("#seat-legend").html(items.join(""));
}
