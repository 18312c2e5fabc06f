namespace DiuParibahan.Grains.Phones;

/// <summary>Where ops actions on phones (<c>holder.*</c>) are audited; the host appends them to the events log.</summary>
public interface IHolderAuditSink
{
    /// <summary>Appends <paramref name="records"/> about <paramref name="phone"/>; throws if they could not be stored.</summary>
    Task AppendAsync(string phone, IReadOnlyList<HolderAuditRecord> records);
}
