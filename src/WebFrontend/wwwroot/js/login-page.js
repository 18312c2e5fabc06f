// Sign-in page (/login.html): passengers sign in with a code texted to their mobile number (the default tab);
// staff and existing password accounts sign in with a password, or a passenger account is created with one. Then
// go back to where the visitor came from (?return=, same-site paths only) or to the search page (ops: the dashboard).
import { currentUser, register, signIn } from "./auth.js";
import { startPage } from "./page.js";
import { renderPhoneCodeForm } from "./phone-sign-in.js";
import { problemText } from "./ui.js";

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
  // Ops staff land on their dashboard unless they were sent here from another page.
  const target = new URLSearchParams(window.location.search).get("return") ?? (currentUser()?.role === "ops" ? "/ops/" : "/");
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
wire(panels.login, $("#login-error"), () => signIn($("#login-id").val(), $("#login-password").val()));
wire(panels.register, $("#register-error"), () =>
  register($("#register-id").val(), $("#register-password").val(), $("#register-name").val()),
);
