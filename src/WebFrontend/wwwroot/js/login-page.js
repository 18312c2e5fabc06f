// Sign-in page (/login.html): passengers sign in with a code texted to their mobile number (the default tab);
// staff and existing password accounts sign in with a password, or a passenger account is created with one. Then
// go back to where the visitor came from (?return=, same-site paths only) or to the search page (staff: their own start page).
import { changePassword, currentUser, register, signIn } from "./auth.js";
import { landingFor } from "./landing.js";
import { startPage } from "./page.js";
import { renderPhoneCodeForm } from "./phone-sign-in.js";
import { problemText } from "./ui.js";
import { t } from "./i18n.js";

const $ = window.jQuery;

await startPage();

const tabs = { code: $("#tab-code"), login: $("#tab-login"), register: $("#tab-register") };
const panels = { code: $("#code-panel"), login: $("#login-form"), register: $("#register-form") };
const order = Object.keys(tabs);

function show(which) {
  for (const name of Object.keys(tabs)) {
    const active = name === which;
    tabs[name].toggleClass("tab-active", active).attr({ "aria-selected": String(active), tabindex: active ? "0" : "-1" });
    panels[name].prop("hidden", !active);
  }
}

for (const name of order) tabs[name].on("click", () => show(name));
// Arrow keys move between the tabs, as in any tab list.
$("[role=tablist]").on("keydown", (event) => {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const current = order.findIndex((name) => tabs[name].attr("aria-selected") === "true");
  const next = order[(current + (event.key === "ArrowRight" ? 1 : order.length - 1)) % order.length];
  show(next);
  tabs[next].trigger("focus");
});
if (window.location.hash === "#register") show("register");
if (window.location.hash === "#password") show("login");

function returnPath() {
  // Staff land on their own start page unless they were sent here from another page.
  const target = new URLSearchParams(window.location.search).get("return") ?? landingFor(currentUser()?.role);
  // Only paths on this site: "//evil.example" or "https://…" would turn the page into an open redirect.
  return target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\") ? target : "/";
}

function wire(form, errorBox, submit) {
  form.on("submit", async (event) => {
    event.preventDefault();
    const button = form.find("button[type=submit]");
    errorBox.prop("hidden", true);
    button.prop("disabled", true);
    try {
      await submit();
      window.location.assign(returnPath());
    } catch (error) {
      errorBox.text(problemText(error)).prop("hidden", false);
    } finally {
      button.prop("disabled", false);
    }
  });
}

renderPhoneCodeForm($("#code-form"), { onSignedIn: () => window.location.assign(returnPath()) });

// A temporary password (from ops) signs in only far enough to choose a new one.
let pending = null;
const changeForm = $("#password-change-form");
panels.login.on("submit", async (event) => {
  event.preventDefault();
  const button = panels.login.find("button[type=submit]");
  $("#login-error").prop("hidden", true);
  button.prop("disabled", true);
  try {
    pending = await signIn($("#login-id").val(), $("#login-password").val());
    if (!pending) {
      window.location.assign(returnPath());
      return;
    }
    panels.login.prop("hidden", true);
    $("[role=tablist]").prop("hidden", true);
    changeForm.prop("hidden", false);
    $("#new-password").trigger("focus");
  } catch (error) {
    $("#login-error").text(problemText(error)).prop("hidden", false);
  } finally {
    button.prop("disabled", false);
  }
});
changeForm.on("submit", async (event) => {
  event.preventDefault();
  const errorBox = $("#password-change-error").prop("hidden", true);
  const next = String($("#new-password").val() ?? "");
  if (next !== $("#new-password-again").val()) {
    errorBox.text(t("auth.passwordChange.mismatch")).prop("hidden", false);
    return;
  }
  const button = changeForm.find("button[type=submit]").prop("disabled", true);
  try {
    await changePassword(pending, next);
    window.location.assign(returnPath());
  } catch (error) {
    errorBox.text(problemText(error)).prop("hidden", false);
  } finally {
    button.prop("disabled", false);
  }
});
wire(panels.register, $("#register-error"), () =>
  register($("#register-id").val(), $("#register-password").val(), $("#register-name").val()),
);
