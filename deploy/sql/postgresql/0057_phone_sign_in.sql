-- Sign-in by SMS code. One row per phone that asked for a code: only an HMAC of the current code is kept, with its
-- expiry, the wrong tries against it, when it was sent (resend cool-down) and the hourly send window. A code is
-- spent by deleting its row, so it cannot be replayed. Times are Unix milliseconds (UTC).
CREATE TABLE otp_codes
(
    phone        text    PRIMARY KEY,
    code_hash    text    NOT NULL,
    expires_at   bigint  NOT NULL,
    attempts     integer NOT NULL,
    sent_at      bigint  NOT NULL,
    window_start bigint  NOT NULL,
    window_count integer NOT NULL
);

CREATE INDEX ix_otp_codes_expires ON otp_codes (expires_at);

-- When the account's phone (its login) was last proven by a code; null for accounts that never signed in by code.
-- Only accounts with a verified phone may hold seats online.
ALTER TABLE users ADD COLUMN phone_verified_at bigint NULL;

-- Earlier sign-in code accepted Bangla digits without converting them, so "+880১৭…" and "+88017…" could be two
-- accounts. Convert stored logins to ASCII digits, unless the converted number already has an account of its own
-- (that one keeps the number; the other stays as it was and can still sign in by password).
UPDATE users
SET login = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(login, '০', '0'), '১', '1'), '২', '2'), '৩', '3'), '৪', '4'), '৫', '5'), '৬', '6'), '৭', '7'), '৮', '8'), '৯', '9')
WHERE login <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(login, '০', '0'), '১', '1'), '২', '2'), '৩', '3'), '৪', '4'), '৫', '5'), '৬', '6'), '৭', '7'), '৮', '8'), '৯', '9')
  AND NOT EXISTS (SELECT 1 FROM users other WHERE other.login = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(users.login, '০', '0'), '১', '1'), '২', '2'), '৩', '3'), '৪', '4'), '৫', '5'), '৬', '6'), '৭', '7'), '৮', '8'), '৯', '9'));
