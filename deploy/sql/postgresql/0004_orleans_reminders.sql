-- Reminders for Orleans.Reminders.AdoNet 10.4.2 (no cron expressions or metadata: 10.4.2 never passes them).
--
-- GrainHash is the grain's uniform hash as a signed int; each silo reads the reminders of its hash range, which
-- Orleans asks for in one of two forms: (begin, end] when begin < end (ReadRangeRows1Key) and the range that wraps
-- around the ring otherwise (ReadRangeRows2Key). Version is the reminder's ETag; a delete must name it.
CREATE TABLE orleansreminderstable
(
    serviceid    varchar(150) NOT NULL,
    grainid      varchar(512) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime    timestamptz  NOT NULL,
    period       bigint       NOT NULL,
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX ix_orleansreminderstable_range ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', $q$
    INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
    SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
        version = orleansreminderstable.version + 1
    RETURNING version AS Version;
$q$),

('ReadReminderRowKey', $q$
    SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period,
           version AS Version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;
$q$),

('ReadReminderRowsKey', $q$
    SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period,
           version AS Version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId;
$q$),

('ReadRangeRows1Key', $q$
    SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period,
           version AS Version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;
$q$),

('ReadRangeRows2Key', $q$
    SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period,
           version AS Version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM orleansreminderstable
        WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
          AND version = @Version
        RETURNING 1
    )
    SELECT count(*) > 0 AS Deleted FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;
$q$);
