// The passenger form of the booking page (book.html): one fieldset per seat, the contact block, and field errors
// that appear on leaving a field (or after a submit attempt), never while the first characters are typed. Which
// error a field has is decided in book-model.js; this module only reads the inputs and shows the result.
import { fieldIdForProblemKey, GENDERS, normalizeBdPhone } from "./booking-model.js";
import { earliestPassportExpiry, fieldError, formErrors, serverFieldErrors } from "./book-model.js";
import { applyI18n, t } from "./i18n.js";
import { icon } from "./icons.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;

/**
 * Builds the form for the held seats and wires its inputs; onSubmit() runs on a submit. On a cross-border trip
 * (crossBorder, with travelDay "yyyy-mm-dd") each passenger also gives a passport. contactPhone (the signed-in
 * passenger's verified number, see contactPhoneDefault) fills an empty contact phone; it stays editable. Returns the
 * form's controls for the page: read(), validateAll(), errorIds(), focusFirstError(), showServerErrors(), renderErrors().
 */
export function passengerForm(seats, { onSubmit, crossBorder = false, travelDay = null, contactPhone = "" }) {
  const rules = { crossBorder, travelDay };
  const state = {
    /** Client-side field errors as i18n keys by input id, so a language switch re-words them. */
    fieldErrors: new Map(),
    /** Server field errors as text by input id (worded by the server; left as they are). */
    serverErrors: new Map(),
    showErrors: false,
    contactEdited: false,
  };

  const list = document.getElementById("passenger-list");
  list.innerHTML = seats.map((seat, index) => passengerFieldset(seat, index, rules)).join("");
  applyI18n(list);
  const form = document.getElementById("passenger-form");
  $(form).on("submit", (event) => {
    event.preventDefault();
    onSubmit();
  });
  $(form).on("blur", "input[type=text], input[type=tel], input[type=email], input[type=date]", function () {
    if (this.value.trim() || state.showErrors) validateField(this.id);
  });
  $(form).on("input change", "input", function () {
    const id = this.type === "radio" ? this.name : this.id;
    state.serverErrors.delete(id);
    if (state.fieldErrors.has(id) || state.showErrors) validateField(id);
    else renderFieldError(id);
  });
  const contact = document.getElementById("contact-phone");
  if (contactPhone && !contact.value.trim()) contact.value = contactPhone;
  $("#contact-phone").on("input", () => {
    state.contactEdited = true;
  });
  // Most people book for themselves: the first passenger's number is a good contact default.
  $("#p0-phone").on("blur", function () {
    if (!state.contactEdited && !contact.value.trim() && normalizeBdPhone(this.value)) contact.value = this.value.trim();
  });

  /** Re-checks one field (an input id, or a radio group id like "p0-gender") and shows or clears its error. */
  function validateField(id) {
    const key = fieldError(id, read(), rules);
    if (key === undefined) return;
    if (key) state.fieldErrors.set(id, key);
    else state.fieldErrors.delete(id);
    renderFieldError(id);
  }

  /** Checks every field after a submit attempt (errors then follow every keystroke); true when all are fine. */
  function validateAll() {
    state.showErrors = true;
    state.serverErrors.clear();
    state.fieldErrors = formErrors(read(), rules);
    renderErrors();
    return state.fieldErrors.size === 0;
  }

  function renderErrors() {
    for (const el of document.querySelectorAll("#passenger-form .field-error")) renderFieldError(el.id.replace(/-error$/, ""));
  }

  function renderFieldError(id) {
    const message = state.serverErrors.get(id) ?? (state.fieldErrors.has(id) ? t(state.fieldErrors.get(id)) : "");
    const error = document.getElementById(`${id}-error`);
    if (!error) return;
    error.textContent = message;
    error.hidden = !message;
    const target = document.getElementById(id);
    if (!target) return;
    if (target.getAttribute("role") === "radiogroup") {
      target.setAttribute("aria-invalid", message ? "true" : "false");
      target.querySelectorAll("input").forEach((radio) => radio.classList.toggle("radio-error", Boolean(message)));
    } else {
      target.setAttribute("aria-invalid", message ? "true" : "false");
      target.classList.toggle("input-error", Boolean(message));
    }
  }

  /** The server's field errors (a ValidationProblem's `errors`) on their inputs; returns the sentences that fit none. */
  function showServerErrors(errors) {
    const { byId, loose } = serverFieldErrors(errors, fieldIdForProblemKey, (id) => document.getElementById(`${id}-error`) !== null);
    for (const [id, text] of byId) state.serverErrors.set(id, text);
    renderErrors();
    return loose;
  }

  function errorIds() {
    const ids = new Set([...state.fieldErrors.keys(), ...state.serverErrors.keys()]);
    // Document order, so focus lands on the first problem the passenger sees.
    return [...document.querySelectorAll("#passenger-form [id]")].map((el) => el.id).filter((id) => ids.has(id));
  }

  function focusFirstError() {
    const id = errorIds()[0];
    if (!id) return;
    const target = document.getElementById(id);
    const focusable = target.getAttribute("role") === "radiogroup" ? target.querySelector("input") : target;
    focusable?.focus();
  }

  return { read, validateAll, errorIds, focusFirstError, showServerErrors, renderErrors };
}

function read() {
  const passengers = $(".passenger-fieldset")
    .toArray()
    .map((fieldset) => {
      const id = `p${fieldset.dataset.index}`;
      return {
        name: $(`#${id}-name`).val(),
        phone: $(`#${id}-phone`).val(),
        gender: $(`input[name="${id}-gender"]:checked`).val() ?? "",
        passportNumber: $(`#${id}-passportNumber`).val() ?? "",
        passportNationality: $(`#${id}-passportNationality`).val() ?? "",
        passportExpiry: $(`#${id}-passportExpiry`).val() ?? "",
      };
    });
  return { passengers, contact: { phone: $("#contact-phone").val(), email: $("#contact-email").val() } };
}

function passengerFieldset(seat, index, { crossBorder, travelDay }) {
  const id = `p${index}`;
  const params = escapeHtml(JSON.stringify({ n: index + 1, seat }));
  const genders = GENDERS.map(
    (g) => `
        <label class="flex cursor-pointer items-center gap-2 rounded-field border border-base-300 px-3 py-2 has-[:checked]:border-primary has-[:checked]:bg-primary/10">
          <input type="radio" class="radio radio-sm radio-primary" name="${id}-gender" id="${id}-gender-${g}" value="${g}" />
          <span class="text-sm" data-i18n="book.genders.${g}"></span>
        </label>`,
  ).join("");
  return `
    <fieldset class="passenger-fieldset fieldset rounded-box border border-base-300 bg-base-100 p-4 shadow-sm" data-index="${index}" data-seat="${escapeHtml(seat)}">
      <legend class="fieldset-legend flex items-center gap-2 px-1 text-base">
        ${icon("user", "size-4")}<span data-i18n="book.passenger" data-i18n-params="${params}"></span>
      </legend>
      <div class="grid gap-3 sm:grid-cols-2">
        <div>
          <label for="${id}-name" class="label mb-1 text-sm font-medium text-base-content" data-i18n="book.name"></label>
          <input id="${id}-name" name="${id}-name" type="text" class="input w-full" required maxlength="100"
                 autocomplete="${index === 0 ? "name" : "off"}" aria-describedby="${id}-name-error" />
          <p id="${id}-name-error" class="field-error mt-1 text-sm text-error" hidden></p>
        </div>
        <div>
          <label for="${id}-phone" class="label mb-1 text-sm font-medium text-base-content" data-i18n="book.phoneOptional"></label>
          <input id="${id}-phone" name="${id}-phone" type="tel" inputmode="tel" class="input w-full"
                 autocomplete="${index === 0 ? "tel" : "off"}" placeholder="01XXXXXXXXX" aria-describedby="${id}-phone-hint ${id}-phone-error" />
          <p id="${id}-phone-hint" class="mt-1 text-xs opacity-75" data-i18n="book.phoneOptionalHint"></p>
          <p id="${id}-phone-error" class="field-error mt-1 text-sm text-error" hidden></p>
        </div>
      </div>
      <div id="${id}-gender" role="radiogroup" aria-required="true" aria-labelledby="${id}-gender-label" aria-describedby="${id}-gender-error" tabindex="-1" class="mt-1">
        <span id="${id}-gender-label" class="mb-1 block text-sm font-medium" data-i18n="book.gender"></span>
        <div class="flex flex-wrap gap-2">${genders}</div>
        <p id="${id}-gender-error" class="field-error mt-1 text-sm text-error" hidden></p>
      </div>${crossBorder ? passportFields(id, travelDay) : ""}
    </fieldset>`;
}

/** Passport number, nationality and expiry of one passenger (cross-border trips only; shown on the manifest, not the ticket). */
function passportFields(id, travelDay) {
  const min = travelDay ? earliestPassportExpiry(travelDay) : "";
  const field = (name, input) => `
        <div>
          <label for="${id}-${name}" class="label mb-1 text-sm font-medium text-base-content" data-i18n="book.${name}"></label>
          ${input}
          <p id="${id}-${name}-error" class="field-error mt-1 text-sm text-error" hidden></p>
        </div>`;
  return `
      <div class="passport-fields mt-2 grid gap-3 rounded-field border border-dashed border-base-300 p-3 sm:grid-cols-3" data-passport>
        <p class="text-sm font-medium sm:col-span-3" data-i18n="book.passportTitle"></p>
        ${field("passportNumber", `<input id="${id}-passportNumber" name="${id}-passportNumber" type="text" class="input w-full uppercase" required
                 maxlength="12" autocomplete="off" spellcheck="false" aria-describedby="${id}-passportNumber-error" />`)}
        ${field("passportNationality", `<input id="${id}-passportNationality" name="${id}-passportNationality" type="text" class="input w-full uppercase" required
                 maxlength="3" value="BGD" autocomplete="off" spellcheck="false" aria-describedby="${id}-passportNationality-error" />`)}
        ${field("passportExpiry", `<input id="${id}-passportExpiry" name="${id}-passportExpiry" type="date" class="input w-full" required
                 min="${escapeHtml(min)}" aria-describedby="${id}-passportExpiry-error" />`)}
      </div>`;
}
