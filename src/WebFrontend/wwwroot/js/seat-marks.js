// What a seat shows besides its state: the ladies-seat marking (from the layout) and, on a sold seat, its passenger's
// gender (never a name) so a woman can choose a seat beside a woman. Pure, shared by the passenger map and the
// counter console; tested in Node.

/** The glyphs of the gender markers; passengers of another gender get no marker. */
export const GENDER_MARKS = { female: "♀", male: "♂" };

/** The gender shown on a seat in `state`: only a sold seat, only a gender with a marker; else null. */
export function shownGender(state, gender) {
  return state === "sold" && Object.hasOwn(GENDER_MARKS, gender ?? "") ? gender : null;
}

/**
 * The seat's accessible name: "Seat A1, sold, ladies seat, female passenger".
 * @param {(key: string, params?: object) => string} t
 */
export function seatAriaLabel(t, { label, state, ladies = false, gender = null }) {
  const parts = [t("seat.aria", { label, state: t(`seat.state.${state}`) })];
  if (ladies) parts.push(t("seat.ladies"));
  const shown = shownGender(state, gender);
  if (shown) parts.push(t(`seat.gender.${shown}`));
  return parts.join(", ");
}

/** Puts the right gender marker (or none) inside a seat element drawn by renderCoach. */
export function syncGenderMark(element, state, gender) {
  const shown = shownGender(state, gender);
  if ((element.querySelector(".seat-gender")?.dataset.gender ?? null) === shown) return;
  element.querySelector(".seat-gender")?.remove();
  element.insertAdjacentHTML("beforeend", genderMarkHtml(state, gender));
}

/** Markup of the marker inside a seat (empty when none): aria-hidden, the seat's name says it. */
export function genderMarkHtml(state, gender) {
  const shown = shownGender(state, gender);
  return shown ? `<span class="seat-gender" data-gender="${shown}" aria-hidden="true">${GENDER_MARKS[shown]}</span>` : "";
}
