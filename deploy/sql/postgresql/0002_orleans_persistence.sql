-- Grain state for Orleans.Persistence.AdoNet 10.4.2 (keys WriteToStorageKey, ReadFromStorageKey, ClearStorageKey).
--
-- A row is one state of one grain: (service, state name, grain key). Orleans passes the state name as
-- GrainTypeString, so two grain types must not share a state name. The grain key arrives as two 64-bit halves plus
-- an optional string (string keys and key extensions); the two hashes are Orleans' own and only narrow the look-up.
-- Version is the ETag: every successful write or clear adds one, and a write that finds another version changes
-- nothing and returns nothing, which Orleans turns into InconsistentStateException (a duplicate activation or an
-- out-of-band change).
CREATE TABLE orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL,
    version                integer      NOT NULL
);

CREATE INDEX ix_orleansstorage_hashes ON orleansstorage (grainidhash, graintypehash);

-- At most one row per grain state, so two activations racing to insert the first version cannot both succeed.
-- Two partial indexes because NULL never equals NULL in a unique index (NULLS NOT DISTINCT needs PostgreSQL 15).
CREATE UNIQUE INDEX ux_orleansstorage_grain_with_extension
    ON orleansstorage (grainidhash, graintypehash, serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring)
    WHERE grainidextensionstring IS NOT NULL;
CREATE UNIQUE INDEX ux_orleansstorage_grain_without_extension
    ON orleansstorage (grainidhash, graintypehash, serviceid, graintypestring, grainidn0, grainidn1)
    WHERE grainidextensionstring IS NULL;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
    SELECT payloadbinary AS PayloadBinary, version AS Version
    FROM orleansstorage
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- With a version: update only that version. Without one (never read a row): insert version 1 unless a row exists.
-- Exactly one branch can apply; an empty result means a conflict.
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleansstorage
        SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
        WHERE @GrainStateVersion IS NOT NULL
          AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
          AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
          AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
          AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
          AND version = @GrainStateVersion
        RETURNING version
    ), inserted AS (
        INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                    grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
               @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version
    )
    SELECT version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT version FROM inserted;
$q$),

-- Clearing keeps the row (and its version history) with a NULL payload; Orleans reads the first column.
('ClearStorageKey', $q$
    UPDATE orleansstorage
    SET payloadbinary = NULL, modifiedon = now(), version = version + 1
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND serviceid = @ServiceId AND graintypestring = @GrainTypeString
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;
$q$);
