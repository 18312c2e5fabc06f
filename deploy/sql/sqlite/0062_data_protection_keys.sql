-- The ASP.NET Core Data Protection key ring, as in PostgreSQL: kept in the embedded database file so the signed
-- dp_owner cookie survives a restart. One row per key, only added; the XML holds key material (as secret as the file).
-- created_at in Unix milliseconds (UTC).
CREATE TABLE data_protection_keys
(
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT    NULL,
    xml           TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
