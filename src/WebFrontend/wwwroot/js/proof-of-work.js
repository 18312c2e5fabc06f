// The proof-of-work puzzle a code request pays with when many sign-ins come from one network (carrier NAT): find a
// whole number n such that SHA-256(challenge token as ASCII, then the decimal digits of n) starts with `difficulty`
// zero bits. The server (Auth/ProofOfWork.cs) checks one hash; finding n takes about 2^difficulty. Pure: no DOM, and
// the digest is WebCrypto's (crypto.subtle, also in Node), so the page stays free of eval and of extra workers.

// Hashes started together before the loop yields: WebCrypto digests are asynchronous, so a batch keeps them in flight
// and lets the page paint between batches.
const BATCH = 256;
// The largest counter the server accepts (2^53 - 1, exact in a JavaScript number).
export const MAX_SOLUTION = Number.MAX_SAFE_INTEGER;

/** How many leading bits of the bytes are zero. */
export function leadingZeroBits(bytes) {
  let bits = 0;
  for (const b of bytes) {
    if (b !== 0) return bits + Math.clz32(b) - 24;
    bits += 8;
  }
  return bits;
}

/** The bytes hashed for counter n: the token's ASCII followed by n's decimal digits. */
export function puzzleInput(token, n) {
  return new TextEncoder().encode(`${token}${n}`);
}

/** True when n solves the token at the difficulty (the server's check, for tests and a last look before sending). */
export async function solves(token, n, difficulty, subtle = globalThis.crypto.subtle) {
  return leadingZeroBits(new Uint8Array(await subtle.digest("SHA-256", puzzleInput(token, n)))) >= difficulty;
}

/**
 * Finds the smallest counter solving {token, difficulty} (the challenge of a 428 challenge-required answer).
 * options.signal aborts (rejects with its reason); options.onProgress(hashesTried) is called after each batch;
 * options.subtle replaces crypto.subtle (tests). Resolves to {solution, hashes}.
 */
export async function solveChallenge({ token, difficulty }, { signal, onProgress, subtle = globalThis.crypto.subtle } = {}) {
  if (typeof token !== "string" || !token) throw new TypeError("challenge token missing");
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 32) throw new RangeError(`difficulty ${difficulty} out of range`);
  for (let start = 0; start <= MAX_SOLUTION; start += BATCH) {
    signal?.throwIfAborted();
    const tries = [];
    for (let n = start; n < start + BATCH; n++) {
      tries.push(subtle.digest("SHA-256", puzzleInput(token, n)));
    }
    const hashes = await Promise.all(tries);
    for (let i = 0; i < hashes.length; i++) {
      if (leadingZeroBits(new Uint8Array(hashes[i])) >= difficulty) return { solution: start + i, hashes: start + i + 1 };
    }
    onProgress?.(start + BATCH);
  }
  throw new Error("no solution below 2^53");
}

/** The challenge carried by a problem answer (ApiError.problem), or null when it is not a challenge-required answer. */
export function challengeOf(problem) {
  const challenge = problem?.code === "challenge-required" ? problem.challenge : null;
  return challenge && typeof challenge.token === "string" && Number.isInteger(challenge.difficulty) ? challenge : null;
}
