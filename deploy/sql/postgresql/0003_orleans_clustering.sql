-- Cluster membership for Orleans.Clustering.AdoNet 10.4.2 (silos and clients; DeploymentId is Orleans' ClusterId).
--
-- The version row is the membership table's ETag: every change to a silo row must bump it from the version the
-- silo last read, in the same statement, or change nothing. Bumping it takes that row's lock, which serialises all
-- membership writes of one cluster; a writer that waited re-checks the version and fails cleanly if it moved.
-- Boolean answers are a single column, as Orleans requires.
CREATE TABLE orleansmembershipversiontable
(
    deploymentid varchar(150) NOT NULL PRIMARY KEY,
    modifiedon   timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation). SuspectTimes is Orleans' own "silo,date|..." text.
CREATE TABLE orleansmembershiptable
(
    deploymentid varchar(150)  NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      varchar(45)   NOT NULL,
    port         integer       NOT NULL,
    generation   integer       NOT NULL,
    siloname     varchar(150)  NOT NULL,
    hostname     varchar(150)  NOT NULL,
    status       integer       NOT NULL,
    proxyport    integer       NULL,
    suspecttimes varchar(8000) NULL,
    starttime    timestamptz   NOT NULL,
    iamalivetime timestamptz   NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT count(*) > 0 AS Inserted FROM inserted;
$q$),

('InsertMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleansmembershipversiontable
        SET version = version + 1, modifiedon = now()
        WHERE deploymentid = @DeploymentId AND version = @Version
          AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable
                          WHERE deploymentid = @DeploymentId AND address = @Address
                            AND port = @Port AND generation = @Generation)
        RETURNING deploymentid
    ), inserted AS (
        INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname,
                                            status, proxyport, starttime, iamalivetime)
        SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName,
               @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM bumped
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT count(*) > 0 AS Inserted FROM inserted;
$q$),

('UpdateMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleansmembershipversiontable
        SET version = version + 1, modifiedon = now()
        WHERE deploymentid = @DeploymentId AND version = @Version
          AND EXISTS (SELECT 1 FROM orleansmembershiptable
                      WHERE deploymentid = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
        RETURNING deploymentid
    ), updated AS (
        UPDATE orleansmembershiptable AS m
        SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
        FROM bumped AS b
        WHERE m.deploymentid = b.deploymentid AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
        RETURNING 1
    )
    SELECT count(*) > 0 AS Updated FROM updated;
$q$),

-- A heartbeat only; it does not touch the version (Orleans expects it never to fail and ignores the result).
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleansmembershiptable
    SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND address = @Address
      AND port = @Port AND generation = @Generation;
$q$),

-- The version row comes back even without a matching silo row (Orleans needs the table version either way).
('MembershipReadRowKey', $q$
    SELECT v.deploymentid AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.siloname AS SiloName, m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort,
           m.suspecttimes AS SuspectTimes, m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime,
           v.version AS Version
    FROM orleansmembershipversiontable AS v
    LEFT JOIN orleansmembershiptable AS m
           ON m.deploymentid = v.deploymentid AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
    SELECT v.deploymentid AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.siloname AS SiloName, m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort,
           m.suspecttimes AS SuspectTimes, m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime,
           v.version AS Version
    FROM orleansmembershipversiontable AS v
    LEFT JOIN orleansmembershiptable AS m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId;
$q$),

('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),

-- Status 3 is SiloStatus.Active: only active silos with a gateway port are offered to clients.
('GatewaysQueryKey', $q$
    SELECT address AS Address, proxyport AS ProxyPort, generation AS Generation
    FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
$q$),

-- Required by 10.4.2 but only used when CleanupDefunctSiloEntryKey is absent.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;
$q$),

-- 10.4.2 prefers this one: it picks dead silos (status 6, SiloStatus.Dead) that are past the cut-off from a fresh
-- read and deletes them one by one. Only a row that is still dead and has not reported since that read goes.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND address = @Address
      AND port = @Port AND generation = @Generation
      AND status = 6 AND iamalivetime <= @IAmAliveTime;
$q$);
