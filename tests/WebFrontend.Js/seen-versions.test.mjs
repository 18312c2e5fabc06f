// The browser's half of per-client read fences (src/WebFrontend/wwwroot/js/seen-versions.js): the newest version of
// each trip the page has seen, which its seat-map reads ask for (minVersion).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { SeenVersions } from "../../src/WebFrontend/wwwroot/js/seen-versions.js";

test("a trip never seen asks for nothing", () => {
  const versions = new SeenVersions();
  assert.equal(versions.minimum("trip-1"), 0);
});

test("the Trip-Version header of a write is remembered per trip", () => {
  const versions = new SeenVersions();
  versions.saw("trip-1", "41");
  versions.saw("trip-2", 7);
  assert.equal(versions.minimum("trip-1"), 41);
  assert.equal(versions.minimum("trip-2"), 7);
});

test("versions only grow: an older answer (overtaken on the network) does not lower the fence", () => {
  const versions = new SeenVersions();
  versions.saw("trip-1", 12);
  versions.saw("trip-1", 9);
  assert.equal(versions.minimum("trip-1"), 12);
});

test("the version on screen counts when it is newer than any write's", () => {
  const versions = new SeenVersions();
  versions.saw("trip-1", 12);
  assert.equal(versions.minimum("trip-1", 30), 30);
  assert.equal(versions.minimum("trip-1", 5), 12);
});

test("ids typed as numbers and as strings are one trip", () => {
  const versions = new SeenVersions();
  versions.saw(1042, 3);
  assert.equal(versions.minimum("1042"), 3);
});

test("a missing or malformed header is ignored", () => {
  const versions = new SeenVersions();
  versions.saw("trip-1", 4);
  for (const junk of [null, undefined, "", "abc", "-3", 0, Number.NaN, 2 ** 60]) versions.saw("trip-1", junk);
  assert.equal(versions.minimum("trip-1"), 4);
  assert.equal(versions.minimum("trip-1", "junk"), 4);
});
