namespace DiuParibahan.Hosting.Storage;

/// <summary>Orleans' AdoNet reminder table on SQLite, with every call taken through the file's <see cref="SqliteGate"/>.</summary>
internal sealed class GatedReminderTable(IReminderTable inner, SqliteGate gate) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        gate.RunAsync(() => inner.StartAsync(cancellationToken), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        gate.RunAsync(() => inner.ReadRows(grainId));

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.ReadRows(grainId, cancellationToken), cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        gate.RunAsync(() => inner.ReadRows(begin, end));

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.ReadRows(begin, end, cancellationToken), cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        gate.RunAsync(() => inner.ReadRow(grainId, reminderName));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.ReadRow(grainId, reminderName, cancellationToken), cancellationToken);

    public Task<string?> UpsertRow(ReminderEntry entry) =>
        gate.RunAsync(() => inner.UpsertRow(entry));

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.UpsertRow(entry, cancellationToken), cancellationToken);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        gate.RunAsync(() => inner.RemoveRow(grainId, reminderName, eTag));

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.RemoveRow(grainId, reminderName, eTag, cancellationToken), cancellationToken);

    public Task TestOnlyClearTable() => gate.RunAsync(inner.TestOnlyClearTable);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.TestOnlyClearTable(cancellationToken), cancellationToken);
}
