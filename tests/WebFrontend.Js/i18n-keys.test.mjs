// The dictionaries (src/WebFrontend/wwwroot/i18n/*.json) stay complete: English and Bangla have the same keys, and
// every key the pages name in data-i18n / data-i18n-attr exists, in the pages themselves, in the shared parts they
// include (src/WebFrontend/Pages/Partials) and in the keys the pages hand those parts (<!-- include: head title="…" -->).
// A missing key would show as the raw key on screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

const wwwroot = join(import.meta.dirname, "../../src/WebFrontend/wwwroot");
const partials = join(import.meta.dirname, "../../src/WebFrontend/Pages/Partials");
const dictionary = (lang) => JSON.parse(readFileSync(join(wwwroot, "i18n", `${lang}.json`), "utf8"));

const PLURAL = new Set(["zero", "one", "two", "few", "many", "other"]);

/** Leaf keys ("trip.hold"); a plural object ({one, other}) counts as one leaf. */
function leafKeys(node, prefix = "") {
  const keys = [];
  for (const [key, value] of Object.entries(node)) {
    const path = prefix + key;
    const plural = value && typeof value === "object" && "other" in value && Object.keys(value).every((k) => PLURAL.has(k));
    if (value && typeof value === "object" && !plural) keys.push(...leafKeys(value, `${path}.`));
    else keys.push(path);
  }
  return keys;
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "dist" ? [] : htmlFiles(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

test("English and Bangla dictionaries have the same keys", () => {
  const en = new Set(leafKeys(dictionary("en")));
  const bn = new Set(leafKeys(dictionary("bn")));
  assert.deepEqual([...en].filter((k) => !bn.has(k)), [], "keys missing in bn.json");
  assert.deepEqual([...bn].filter((k) => !en.has(k)), [], "keys missing in en.json");
});

test("every key named in the pages' markup exists", () => {
  const en = new Set(leafKeys(dictionary("en")));
  const missing = [];
  // Which of each partial's {{placeholders}} stand for a key.
  const keyPlaceholders = new Map(
    htmlFiles(partials).map((file) => [
      basename(file, ".html"),
      // data-i18n="{{title}}" or data-i18n-attr="aria-label:{{label}}"
      [...readFileSync(file, "utf8").matchAll(/data-i18n(?:="|-attr="[a-z-]+:)\{\{([a-z][a-z0-9-]*)\}\}/g)].map(([, name]) => name),
    ]),
  );
  for (const file of [...htmlFiles(wwwroot), ...htmlFiles(partials)]) {
    const html = readFileSync(file, "utf8");
    for (const [, key] of html.matchAll(/data-i18n="([^"{}]+)"/g)) if (!en.has(key)) missing.push(`${file}: ${key}`);
    for (const [, name, args] of html.matchAll(/<!-- include: ([a-z0-9-]+)((?: [a-z][a-z0-9-]*="[^"]*")*) -->/g)) {
      const values = Object.fromEntries([...args.matchAll(/([a-z][a-z0-9-]*)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
      for (const placeholder of keyPlaceholders.get(name) ?? []) {
        if (!en.has(values[placeholder])) missing.push(`${file}: ${values[placeholder]} (${placeholder} of ${name})`);
      }
    }
    for (const [, pairs] of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of pairs.split(",")) {
        const key = pair.split(":")[1]?.trim();
        if (key && !key.startsWith("{{") && !en.has(key)) missing.push(`${file}: ${key}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});
