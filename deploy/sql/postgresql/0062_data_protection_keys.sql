-- The ASP.NET Core Data Protection key ring (what signs the dp_owner cookie and anything else a frontend protects),
-- shared by every web frontend so a cookie one replica signed is read by the others and survives a restart. One row
-- per key, as the XML Data Protection writes; rows are only added (keys expire inside their XML, never deleted here).
-- The XML holds key material: this table is as secret as the signing keys. created_at in Unix milliseconds (UTC).
CREATE TABLE data_protection_keys
(
    id            bigserial PRIMARY KEY,
    friendly_name text   NULL,
    xml           text   NOT NULL,
    created_at    bigint NOT NULL
);
