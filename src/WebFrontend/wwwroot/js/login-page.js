// Sign-in page (/login.html): sign in or create a passenger account, then go back to where the visitor came
// from (?return=, same-site paths only) or to the search page (ops: the ops dashboard).
import { currentUser, register, signIn } from "./auth.js";
import { landingFor } from "./landing.js";
import { startPage } from "./page.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;

await startPage();

const tabs = { login: $("#tab-login"), register: $("#tab-register") };
const panels = { login: $("#login-form"), register: $("#register-form") };

function show(which) {
  for (const name of Object.keys(tabs)) {
    const active = name === which;
    tabs[name].toggleClass("tab-active", active).attr({ "aria-selected": String(active), tabindex: active ? "0" : "-1" });
    panels[name].prop("hidden", !active);
  }
}

tabs.login.on("click", () => show("login"));
tabs.register.on("click", () => show("register"));
// Arrow keys move between the two tabs, as in any tab list.
$("[role=tablist]").on("keydown", (event) => {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const next = tabs.login.attr("aria-selected") === "true" ? "register" : "login";
  show(next);
  tabs[next].trigger("focus");
});
if (window.location.hash === "#register") show("register");

function returnPath() {
  // Ops staff land on their dashboard unless they were sent here from another page.
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

wire(panels.login, $("#login-error"), () => signIn($("#login-id").val(), $("#login-password").val()));
wire(panels.register, $("#register-error"), () =>
  register($("#register-id").val(), $("#register-password").val(), $("#register-name").val()),
);
