-- Grain state for Orleans.Persistence.AdoNet 10.4.2 (keys WriteToStorageKey, ReadFromStorageKey, ClearStorageKey),
-- the same contract as the PostgreSQL script: one row per (service, state name, grain key), Version is the ETag,
-- a write or clear against another version changes nothing and returns nothing (InconsistentStateException).
-- All access goes through one in-process writer gate, so the two statements of a write never interleave with
-- another write; each statement is also correct on its own.
CREATE TABLE OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NOT NULL
);

CREATE INDEX IX_OrleansStorage_Hashes ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- At most one row per grain state; NULL never equals NULL in a unique index, hence two partial indexes.
CREATE UNIQUE INDEX UX_OrleansStorage_GrainWithExtension
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
    WHERE GrainIdExtensionString IS NOT NULL;
CREATE UNIQUE INDEX UX_OrleansStorage_GrainWithoutExtension
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1)
    WHERE GrainIdExtensionString IS NULL;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString;
'),

-- With a version: update only that version. Without one: insert version 1 unless a row exists. At most one of the
-- two statements returns a row; none means a conflict.
('WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;

    INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version AS NewGrainStateVersion;
'),

-- Clearing keeps the row with a NULL payload; Orleans reads the first column.
('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
');
