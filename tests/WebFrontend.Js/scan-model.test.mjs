// Tests for the boarding scanner's pure logic (src/WebFrontend/wwwroot/js/scan-model.js). Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { boardingMessage, readEntry, RepeatFilter } from "../../src/WebFrontend/wwwroot/js/scan-model.js";

test("readEntry takes a ticket QR payload as it is", () => {
  const qr = "DP2.DP-7K3M9Q.DHK-KOL-20261201-2230.A1-A2.1.abc";
  assert.deepEqual(readEntry(`  ${qr} `), { qr });
});

test("readEntry normalises a typed PNR: any case, spaces, Bangla digits, the dash optional", () => {
  assert.deepEqual(readEntry("dp-7k3m9q"), { pnr: "DP-7K3M9Q" });
  assert.deepEqual(readEntry("DP 7K3M9Q"), { pnr: "DP-7K3M9Q" });
  assert.deepEqual(readEntry("dp-৭k৩m৯q"), { pnr: "DP-7K3M9Q" });
});

test("readEntry refuses anything else", () => {
  for (const text of ["", "hello", "DP-12", "DP-7K3M9QX", "https://example.com"]) assert.equal(readEntry(text), null, text);
});

test("RepeatFilter ignores the same code while it stays in view, then accepts it again", () => {
  const filter = new RepeatFilter(3000);
  assert.equal(filter.accept("A", 0), true);
  assert.equal(filter.accept("A", 2999), false);
  assert.equal(filter.accept("B", 3000), true);
  assert.equal(filter.accept("A", 3100), true);
});

test("boardingMessage says who boarded, and on a second scan when they boarded", () => {
  const result = { pnr: "DP-7K3M9Q", alreadyBoarded: false, boardedAt: "2026-12-01T16:25:00Z", passengers: [{ name: "Rahim", seat: "A1" }] };
  assert.deepEqual(boardingMessage(result, () => "22:25"), { key: "scan.boarded", params: { names: "Rahim (A1)", pnr: "DP-7K3M9Q" } });
  assert.deepEqual(boardingMessage({ ...result, alreadyBoarded: true }, () => "22:25"),
    { key: "scan.alreadyBoarded", params: { time: "22:25", names: "Rahim (A1)", pnr: "DP-7K3M9Q" } });
});
