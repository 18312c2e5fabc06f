// Tests for the sign-in puzzle solver (src/WebFrontend/wwwroot/js/proof-of-work.js).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { challengeOf, leadingZeroBits, puzzleInput, solveChallenge, solves } from "../../src/WebFrontend/wwwroot/js/proof-of-work.js";

const sha256 = (bytes) => createHash("sha256").update(bytes).digest();

test("leading zero bits count whole zero bytes and the zero bits of the first non-zero byte", () => {
  assert.equal(leadingZeroBits(new Uint8Array([0x80])), 0);
  assert.equal(leadingZeroBits(new Uint8Array([0x01])), 7);
  assert.equal(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x1f, 0xff])), 19);
  assert.equal(leadingZeroBits(new Uint8Array([0x00, 0x00])), 16);
});

test("the hashed input is the token's ASCII followed by the counter's decimal digits", () => {
  assert.deepEqual([...puzzleInput("abc", 1207)], [..."abc1207"].map((c) => c.charCodeAt(0)));
});

test("the solver finds the smallest counter, the same one the server's test vector names", async () => {
  // The same vector as ProofOfWorkTests.Solves_TheSharedTestVector on the server side.
  const { solution, hashes } = await solveChallenge({ token: "test-challenge", difficulty: 12 });
  assert.equal(solution, 388);
  assert.equal(hashes, 389);
  assert.ok(leadingZeroBits(sha256(Buffer.from("test-challenge388"))) >= 12);
});

test("a found solution meets the difficulty by an independent hash, and every smaller counter fails it", async () => {
  const token = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA";
  const { solution } = await solveChallenge({ token, difficulty: 10 });
  assert.ok(leadingZeroBits(sha256(Buffer.from(token + solution))) >= 10);
  assert.equal(await solves(token, solution, 10), true);
  // Every smaller counter fails: the solver returns the first.
  for (let n = 0; n < solution; n++) assert.equal(await solves(token, n, 10), false, `counter ${n}`);
});

test("progress is reported per batch and an abort stops the search", async () => {
  const progress = [];
  const controller = new AbortController();
  const search = solveChallenge({ token: "never-solved-at-thirty-bits", difficulty: 30 }, {
    signal: controller.signal,
    onProgress: (tried) => {
      progress.push(tried);
      if (progress.length === 3) controller.abort(new Error("left the page"));
    },
  });
  await assert.rejects(search, /left the page/);
  assert.deepEqual(progress, [256, 512, 768]);
});

test("a malformed challenge is refused before any hashing", async () => {
  await assert.rejects(solveChallenge({ token: "", difficulty: 8 }), TypeError);
  await assert.rejects(solveChallenge({ token: "t", difficulty: 33 }), RangeError);
  await assert.rejects(solveChallenge({ token: "t", difficulty: 1.5 }), RangeError);
});

test("the challenge is read only from a challenge-required problem with a token and a whole difficulty", () => {
  const challenge = { token: "tok", difficulty: 15, expiresAt: "2026-12-07T10:02:00Z" };
  assert.deepEqual(challengeOf({ code: "challenge-required", challenge }), challenge);
  assert.equal(challengeOf({ code: "rate-limited", challenge }), null);
  assert.equal(challengeOf({ code: "challenge-required" }), null);
  assert.equal(challengeOf({ code: "challenge-required", challenge: { token: "tok", difficulty: "15" } }), null);
  assert.equal(challengeOf(undefined), null);
});
