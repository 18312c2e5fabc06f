namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// An app of its own, without demo accounts (so the only ops accounts are those a test creates) and with the operator
/// key set (so the <c>X-Admin-Key</c> endpoints are mapped). Tests start one per test, as they change who is ops.
/// </summary>
public sealed class OpsKeyAppFixture : WebAppFixture
{
    public const string AdminKey = "a test operator key for the cluster endpoints";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Auth:DemoAccounts", "false"),
        new("Admin:Key", AdminKey),
    ];
}
