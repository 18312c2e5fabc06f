using System.Data.Common;
using System.Xml.Linq;
using DiuParibahan.Hosting.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace DiuParibahan.Hosting.DataProtection;

/// <summary>
/// The Data Protection key ring in the <c>data_protection_keys</c> table (migration <c>0062_data_protection_keys.sql</c>)
/// of the app database: PostgreSQL in a cluster, so every frontend replica reads the keys the others made, and the SQLite
/// file in embedded mode, so keys outlive a restart. The same SQL on both.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous, so the calls block on the database. Data Protection reads the ring once
/// at start, when it makes a key (every 90 days) and on its refresh (once a day), never per protected payload, so the
/// blocked thread is rare and short.
/// </remarks>
public sealed class SqlXmlRepository(AppDatabase database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection, "SELECT xml FROM data_protection_keys ORDER BY id");
            await using var reader = await command.ExecuteReaderAsync(token);
            var elements = new List<XElement>();
            while (await reader.ReadAsync(token))
            {
                elements.Add(XElement.Parse(reader.GetString(0)));
            }
            return (IReadOnlyCollection<XElement>)elements;
        }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var xml = element.ToString(SaveOptions.DisableFormatting);
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection,
                "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @at)",
                ("@name", friendlyName), ("@xml", xml), ("@at", clock.GetUtcNow().ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(token);
        }).GetAwaiter().GetResult();
    }

}
