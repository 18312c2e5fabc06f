namespace DiuParibahan.Grains.Boarding;

/// <inheritdoc cref="IBoardingGrain"/>
public sealed class BoardingGrain(
    [PersistentState("boarding", StorageNames.Default)] IPersistentState<BoardingState> store,
    TimeProvider time) : Grain, IBoardingGrain
{
    public async Task<BoardingResult> BoardAsync(BoardPassengers command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var records = store.State.Records;
        var now = time.GetUtcNow();
        var added = command.Seats.Distinct(StringComparer.Ordinal)
            .Where(seat => !records.Any(r => r.Pnr == command.Pnr && r.Seat == seat))
            .Select(seat => new BoardingRecord(command.Pnr, seat, now, command.Actor))
            .ToList();
        if (added.Count > 0)
        {
            records.AddRange(added);
            await store.WriteOrDeactivateAsync(this);
        }
        var mine = records.Where(r => r.Pnr == command.Pnr && command.Seats.Contains(r.Seat)).ToList();
        return new BoardingResult(mine, AlreadyBoarded: added.Count == 0);
    }

    public Task<IReadOnlyList<BoardingRecord>> ListAsync() => Task.FromResult<IReadOnlyList<BoardingRecord>>(store.State.Records.ToList());
}
