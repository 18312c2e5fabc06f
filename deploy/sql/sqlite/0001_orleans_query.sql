-- Orleans' ADO.NET providers (persistence, reminders) issue no SQL of their own: at start-up each one reads its
-- statements from this table by key and then only runs those. The statements use @Name parameters and Orleans
-- reads results by column name, so keys, parameter names and result column names are the contract.
-- SQLite has no dollar quoting: quotes inside a query text are doubled.
CREATE TABLE OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
