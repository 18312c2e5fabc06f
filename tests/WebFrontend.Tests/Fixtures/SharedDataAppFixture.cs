namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// The app in embedded mode over a database file the test owns, so a second instance (a restart) can open the same
/// file after the first stopped. The test deletes the folder.
/// </summary>
public sealed class SharedDataAppFixture(string databasePath) : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Orleans:DataPath", databasePath)];
}
