using Orleans.Serialization;
using Orleans.Storage;

namespace DiuParibahan.Grains.Queue;

/// <summary>
/// Stores a waiting room so that a write costs what changed since the last one, not the whole queue. The lottery
/// entrants (<see cref="WaitingRoomState.Early"/>) and the line (<see cref="WaitingRoomState.Line"/>) are cut into
/// segments of <see cref="SegmentSize"/> phones: each full segment is written once, under a state name of its own,
/// when it fills; the phones after the last full segment (fewer than a segment) stay in the grain's own record with
/// everything else and how many phones the full segments hold. A group commit therefore writes one small record
/// (and, once every <see cref="SegmentSize"/> joins, a segment before it); the record is the commit point.
/// </summary>
/// <remarks>
/// Both lists only grow between writes, except at the opening, when the lottery moves every entrant into the line
/// (empty before): then each full line segment is written once. Kept as one record, every group commit copied,
/// serialised and wrote every phone again (20,000 phones: about 300 KB per write), which made each join wait for a
/// write that grew with the queue. A record from before segments (phones inline, no full segments counted) reads as
/// it is; its next write moves the full segments out.
/// </remarks>
public sealed class WaitingRoomStore(
    IPersistentState<WaitingRoomState> record,
    IGrainStorage storage,
    GrainId grainId,
    DeepCopier<WaitingRoomState> copier)
{
    public const int SegmentSize = 1024;
    private const string EarlyKind = "early";
    private const string LineKind = "line";

    private readonly Dictionary<string, GrainState<WaitingRoomSegment>> _segments = new(StringComparer.Ordinal);
    private int _storedEarly;
    private int _storedLine;

    /// <summary>The stored queue with every phone back in order (the record as read on activation, its phones put back).</summary>
    public async Task<WaitingRoomState> LoadAsync()
    {
        var state = record.State;
        _storedEarly = state.StoredEarly;
        _storedLine = state.StoredLine;
        if (state.StoredEarly > 0)
        {
            state.Early = [.. await ReadPhonesAsync(EarlyKind, state.StoredEarly), .. state.Early];
        }
        if (state.StoredLine > 0)
        {
            state.Line = [.. await ReadPhonesAsync(LineKind, state.StoredLine), .. state.Line];
        }
        return state;
    }

    /// <summary>
    /// Takes a snapshot of <paramref name="live"/> now (call it synchronously, between changes) and answers the write of
    /// that snapshot, to be awaited; one write at a time.
    /// </summary>
    public Func<Task> Prepare(WaitingRoomState live)
    {
        var segments = new List<(string Name, List<string> Phones)>();
        var fullEarly = AddFilled(EarlyKind, live.Early, _storedEarly, segments);
        var fullLine = AddFilled(LineKind, live.Line, _storedLine, segments);
        // The record without the phones in full segments: the lists are set aside for the copy, so it does not copy them.
        var (early, line) = (live.Early, live.Line);
        live.Early = [];
        live.Line = [];
        WaitingRoomState snapshot;
        try
        {
            snapshot = copier.Copy(live);
        }
        finally
        {
            (live.Early, live.Line) = (early, line);
        }
        snapshot.Early = early.GetRange(fullEarly, early.Count - fullEarly);
        snapshot.Line = line.GetRange(fullLine, line.Count - fullLine);
        snapshot.StoredEarly = fullEarly;
        snapshot.StoredLine = fullLine;
        return async () =>
        {
            await Task.WhenAll(segments.Select(s => WriteSegmentAsync(s.Name, s.Phones)));
            record.State = snapshot;
            await record.WriteStateAsync();
            _storedEarly = fullEarly;
            _storedLine = fullLine;
        };
    }

    /// <summary>
    /// Copies of the segments that filled since <paramref name="stored"/> phones were in full segments; answers how
    /// many phones the full segments hold with them.
    /// </summary>
    private static int AddFilled(string kind, List<string> phones, int stored, List<(string, List<string>)> into)
    {
        var full = phones.Count / SegmentSize * SegmentSize;
        // Fewer phones than stored: the lottery emptied the entrants into the line; nothing of them is kept.
        for (var start = full < stored ? full : stored; start < full; start += SegmentSize)
        {
            into.Add((Name(kind, start / SegmentSize), phones.GetRange(start, SegmentSize)));
        }
        return full;
    }

    private async Task<List<string>> ReadPhonesAsync(string kind, int count)
    {
        var read = await Task.WhenAll(Enumerable.Range(0, count / SegmentSize).Select(k => ReadSegmentAsync(Name(kind, k))));
        var phones = new List<string>(count + SegmentSize);
        foreach (var segment in read)
        {
            var stored = segment.State?.Phones ?? [];
            if (stored.Count != SegmentSize)
            {
                throw new InvalidOperationException(
                    $"Waiting room {grainId}: a full {kind} segment holds {stored.Count} phones instead of {SegmentSize}.");
            }
            phones.AddRange(stored);
        }
        return phones;
    }

    private async Task<GrainState<WaitingRoomSegment>> ReadSegmentAsync(string name)
    {
        var segment = new GrainState<WaitingRoomSegment>(new WaitingRoomSegment());
        await storage.ReadStateAsync(name, grainId, segment);
        segment.State ??= new WaitingRoomSegment();
        _segments[name] = segment;
        return segment;
    }

    private async Task WriteSegmentAsync(string name, List<string> phones)
    {
        // A segment not read in this activation may still exist (written before a crash that lost its record, or by the
        // lottery entrants' segments of an earlier opening): read it first, so the write carries its ETag.
        var segment = _segments.TryGetValue(name, out var known) ? known : await ReadSegmentAsync(name);
        segment.State = new WaitingRoomSegment { Phones = phones };
        await storage.WriteStateAsync(name, grainId, segment);
    }

    private static string Name(string kind, int k) => $"waiting-room-{kind}-{k}";
}
