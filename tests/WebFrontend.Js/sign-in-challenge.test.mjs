// auth.js asks for a sign-in code and, when the server answers 428 challenge-required, solves the proof-of-work
// puzzle and asks again with the solution, telling the page while it checks.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { MemoryStorage } from "./memory-storage.mjs";
import { createHash } from "node:crypto";


globalThis.localStorage ??= new MemoryStorage();
globalThis.sessionStorage ??= new MemoryStorage();
globalThis.window ??= { location: { origin: "http://localhost" }, localStorage: globalThis.localStorage, addEventListener() {} };

let answers = [];
const calls = [];
globalThis.fetch = async (url, init) => {
  calls.push({ url: String(url), body: init.body ? JSON.parse(init.body) : null });
  const next = answers.shift();
  return new Response(JSON.stringify(next.body), {
    status: next.status,
    headers: { "Content-Type": next.status >= 400 ? "application/problem+json" : "application/json" },
  });
};

const { requestSignInCode } = await import("../../src/WebFrontend/wwwroot/js/auth.js");

const challenged = (token, difficulty = 8) => ({
  status: 428,
  body: { status: 428, code: "challenge-required", challenge: { token, difficulty, expiresAt: "2026-12-07T10:02:00Z" } },
});
const sent = { status: 202, body: { phone: "+8801712345678", expiresInSeconds: 300, resendAfterSeconds: 60, demoCode: null } };
const zeroBits = (hex) => {
  const first = hex.search(/[^0]/);
  return first === -1 ? hex.length * 4 : first * 4 + Math.clz32(parseInt(hex[first], 16)) - 28;
};

beforeEach(() => {
  answers = [];
  calls.length = 0;
});

test("a 428 challenge is solved and the request retried with the token and a solution, the page told meanwhile", async () => {
  answers = [challenged("tok-1"), sent];
  const checking = [];

  const answer = await requestSignInCode("01712345678", "bn", { onChecking: (busy) => checking.push(busy) });

  assert.equal(answer.phone, "+8801712345678");
  assert.equal(calls.length, 2);
  assert.deepEqual(calls[0].body, { phone: "01712345678", language: "bn" });
  const { challenge, solution } = calls[1].body;
  assert.equal(challenge, "tok-1");
  assert.ok(zeroBits(createHash("sha256").update(`tok-1${solution}`).digest("hex")) >= 8);
  assert.deepEqual(checking, [true, false]);
});

test("without a challenge nothing is solved and the page is not told about checking", async () => {
  answers = [sent];
  const checking = [];

  await requestSignInCode("01712345678", "en", { onChecking: (busy) => checking.push(busy) });

  assert.equal(calls.length, 1);
  assert.deepEqual(checking, []);
});

test("an expired solution's fresh challenge is solved once more, then the server is believed", async () => {
  answers = [challenged("tok-1", 4), challenged("tok-2", 4), challenged("tok-3", 4)];
  const checking = [];

  await assert.rejects(requestSignInCode("01712345678", "en", { onChecking: (busy) => checking.push(busy) }),
    (error) => error.code === "challenge-required");

  assert.equal(calls.length, 3);
  assert.equal(calls[2].body.challenge, "tok-2");
  assert.deepEqual(checking, [true, false]);
});

test("other refusals pass through untouched", async () => {
  answers = [{ status: 429, body: { status: 429, code: "otp-cooldown" } }];

  await assert.rejects(requestSignInCode("01712345678", "en"), (error) => error.code === "otp-cooldown");
  assert.equal(calls.length, 1);
});
