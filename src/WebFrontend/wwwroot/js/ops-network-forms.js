// Plumbing shared by the ops network page's add/edit dialogs: reading a form into the plain values that
// network-model.js parses, showing its errors, id suggestions while adding, and the save round trip.
import { t } from "./i18n.js";
import { busy, showFieldError, showSaveError } from "./ops.js";

/** The named inputs' current values, by name. */
export function formValues(form, names) {
  return Object.fromEntries(names.map((name) => [name, form.elements.namedItem(name)?.value ?? ""]));
}

/** Shows parse errors ({field, key, params}) under their fields. */
export function showErrors(form, errors) {
  for (const error of errors) showFieldError(form, error.field, t(error.key, error.params));
}

export function hasErrors(form) {
  return form.querySelector(".field-error:not([hidden]), .form-error:not([hidden])") !== null;
}

/**
 * Suggests an id from another field while adding, until the user types an id of their own.
 * @param {{editing: object|null, idTouched: boolean}} state the page's editing state
 */
export function suggestId(state, form, value) {
  if (state.editing || state.idTouched) return;
  form.elements.namedItem("id").value = value;
}

/** Ids the user typed by hand are not overwritten by the suggestion. */
export function watchIdInput(state, form) {
  form.elements.namedItem("id").addEventListener("input", () => {
    state.idTouched = true;
  });
}

/**
 * Runs the save with the submit button busy, then closes the dialog and reloads the network. A failure is shown in
 * the form (through `aliases` from the server's field names to the form's) and resolves undefined.
 */
export async function save(form, aliases, work, reload) {
  const button = form.querySelector("[type=submit]");
  try {
    const result = await busy(button, work);
    form.closest("dialog").close();
    await reload();
    return result;
  } catch (error) {
    showSaveError(form, error, aliases);
    return undefined;
  }
}
