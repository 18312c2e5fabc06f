using System.Collections.Concurrent;

namespace DiuParibahan.Benchmarks.Load;

/// <summary>Latency samples (milliseconds) from many threads; percentiles computed once at the end.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<double> _samples = [];

    public void Add(TimeSpan latency) => _samples.Add(latency.TotalMilliseconds);

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public int Count => _samples.Count;

    public Summary Summarise()
    {
        var sorted = _samples.ToArray();
        Array.Sort(sorted);
        return new Summary(sorted.Length, At(sorted, 0.50), At(sorted, 0.99), At(sorted, 0.999), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    private static double At(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    public sealed record Summary(int Count, double P50, double P99, double P999, double Max);
}
