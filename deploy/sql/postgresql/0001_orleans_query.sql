-- Orleans' ADO.NET providers (clustering, persistence, reminders) issue no SQL of their own: at start-up each one
-- reads its statements from this table by key and then only runs those. The statements use @Name parameters and
-- Orleans reads results by column name, so the keys, parameter names and result column names are the contract;
-- everything else (tables, indexes) is ours. Unquoted identifiers fold to lower case, which Npgsql matches
-- case-insensitively when Orleans asks for a column such as "Version".
CREATE TABLE orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);
