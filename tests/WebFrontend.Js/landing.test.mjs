import assert from "node:assert/strict";
import { test } from "node:test";
import { landingFor } from "../../src/WebFrontend/wwwroot/js/landing.js";

test("landingFor sends clerks to the counter, ops to the dashboard and everyone else to the search", () => {
  assert.equal(landingFor("clerk"), "/counter.html");
  assert.equal(landingFor("ops"), "/ops/");
  assert.equal(landingFor("supervisor"), "/staff/scan.html");
  assert.equal(landingFor("passenger"), "/");
  assert.equal(landingFor(undefined), "/");
});
