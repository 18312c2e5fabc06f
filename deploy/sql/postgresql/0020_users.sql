-- Accounts and refresh tokens of the web frontend's own auth. Times are Unix milliseconds (UTC) in both dialects,
-- so the frontend's SQL is the same on PostgreSQL and SQLite.
-- login is the normalised identifier: "+8801XXXXXXXXX" or a lower-case e-mail address.
CREATE TABLE users
(
    id            text   PRIMARY KEY,
    login         text   NOT NULL UNIQUE,
    display_name  text   NOT NULL,
    password_hash text   NOT NULL,
    role          text   NOT NULL CHECK (role IN ('passenger', 'clerk', 'ops')),
    counter_id    text   NULL,
    created_at    bigint NOT NULL
);

-- Only the SHA-256 of a refresh token is stored. A token is spent (used_at) when rotated; presenting a spent token
-- again revokes its whole family (every token descended from one login).
CREATE TABLE refresh_tokens
(
    token_hash text   PRIMARY KEY,
    family_id  text   NOT NULL,
    user_id    text   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    used_at    bigint NULL,
    revoked_at bigint NULL
);

CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
