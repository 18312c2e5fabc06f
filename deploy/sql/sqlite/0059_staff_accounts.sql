-- Staff managed by ops, as in PostgreSQL: a supervisor role, accounts that can be disabled, and a flag for a temporary
-- password that must be changed first. SQLite cannot change a CHECK constraint in place, so users is rebuilt.
-- refresh_tokens is copied aside and dropped first: dropping users while rows still refer to it would cascade.
CREATE TABLE users_0051
(
    id                       TEXT    PRIMARY KEY,
    login                    TEXT    NOT NULL UNIQUE,
    display_name             TEXT    NOT NULL,
    password_hash            TEXT    NOT NULL,
    role                     TEXT    NOT NULL CHECK (role IN ('passenger', 'clerk', 'supervisor', 'ops')),
    counter_id               TEXT    NULL,
    created_at               INTEGER NOT NULL,
    disabled_at              INTEGER NULL,
    password_change_required INTEGER NOT NULL DEFAULT 0,
    phone_verified_at        INTEGER NULL
);
-- phone_verified_at comes from 0057_phone_sign_in, which always runs before this script.
INSERT INTO users_0051 (id, login, display_name, password_hash, role, counter_id, created_at, phone_verified_at)
SELECT id, login, display_name, password_hash, role, counter_id, created_at, phone_verified_at FROM users;

CREATE TABLE refresh_tokens_0051 AS SELECT token_hash, family_id, user_id, created_at, expires_at, used_at, revoked_at FROM refresh_tokens;
DROP TABLE refresh_tokens;
DROP TABLE users;
ALTER TABLE users_0051 RENAME TO users;

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
INSERT INTO refresh_tokens SELECT token_hash, family_id, user_id, created_at, expires_at, used_at, revoked_at FROM refresh_tokens_0051;
DROP TABLE refresh_tokens_0051;

CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX ix_users_role ON users (role);
