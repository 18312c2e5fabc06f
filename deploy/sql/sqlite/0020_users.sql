-- Accounts and refresh tokens of the web frontend's own auth, as in PostgreSQL. Times are Unix milliseconds (UTC).
-- login is the normalised identifier: "+8801XXXXXXXXX" or a lower-case e-mail address.
CREATE TABLE users
(
    id            TEXT    PRIMARY KEY,
    login         TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('passenger', 'clerk', 'ops')),
    counter_id    TEXT    NULL,
    created_at    INTEGER NOT NULL
);

-- Only the SHA-256 of a refresh token is stored. A token is spent (used_at) when rotated; presenting a spent token
-- again revokes its whole family (every token descended from one login).
CREATE TABLE refresh_tokens
(
    token_hash TEXT    PRIMARY KEY,
    family_id  TEXT    NOT NULL,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER NULL,
    revoked_at INTEGER NULL
);

CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
