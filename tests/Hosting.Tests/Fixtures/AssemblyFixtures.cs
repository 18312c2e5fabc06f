using DiuParibahan.Testing;

// One PostgreSQL server for the whole assembly; each test creates its own database on it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
