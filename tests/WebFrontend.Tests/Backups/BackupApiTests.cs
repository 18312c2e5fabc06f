using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Hosting.Backups;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Backups;

/// <summary>
/// Online backups of the embedded database over the ops API: only ops may take or list them; a backup taken while
/// the app serves is a verified file in the backup folder and shows up in the list.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class BackupApiTests(WebAppFixture app)
{
    private const string Url = "/api/admin/backups";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Backups_WithoutToken_Are401_AndForClerksAndPassengers_Are403()
    {
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken("clerk", "counter-gabtoli"));
        using var passenger = app.WithToken(app.StaffToken("passenger"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Url, null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync(Url, null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passenger.PostAsync(Url, null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Post_TakesAVerifiedBackup_201_AndGetListsIt()
    {
        using var ops = app.WithToken(app.StaffToken("ops"));

        var created = await ops.PostAsync(Url, null, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var backup = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        var name = backup.GetProperty("name").GetString()!;
        Assert.Matches("^diuparibahan-[0-9]{8}T[0-9]{9}Z\\.db$", name);
        Assert.True(backup.GetProperty("sizeBytes").GetInt64() > 0);

        var list = await ops.GetFromJsonAsync<JsonElement>(Url, Ct);
        var folder = list.GetProperty("directory").GetString()!;
        Assert.Contains(name, list.GetProperty("backups").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Equal(48, list.GetProperty("retention").GetInt32());
        Assert.Equal("ok", EmbeddedBackups.IntegrityCheck(Path.Combine(folder, name)));
        Assert.Equal(folder, app.Services.GetRequiredService<EmbeddedBackups>().Folder);
    }
}
