-- Staff managed by ops: a supervisor role beside clerk and ops, accounts that can be disabled (sign-in and refresh
-- refused, sessions revoked), and a flag for a temporary password that must be changed before anything else.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('passenger', 'clerk', 'supervisor', 'ops'));
ALTER TABLE users ADD COLUMN disabled_at bigint NULL;
ALTER TABLE users ADD COLUMN password_change_required integer NOT NULL DEFAULT 0;
CREATE INDEX ix_users_role ON users (role);
