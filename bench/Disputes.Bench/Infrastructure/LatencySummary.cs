namespace Disputes.Bench.Infrastructure;

/// <summary>Percentiles of a set of durations, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>Summarizes <paramref name="milliseconds"/> (nearest-rank percentiles).</summary>
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        return new LatencySummary(sorted.Length, Math.Round(sorted.Average(), 3), At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99),
            Math.Round(sorted[^1], 3));
    }

    private static double At(double[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 3);
    }
}

/// <summary>Collects durations from many tasks; each task records into its own list, merged at the end.</summary>
public sealed class LatencyRecorder
{
    private readonly List<List<double>> _lists = [];
    private readonly Lock _lock = new();

    /// <summary>A list for one task to add to without locking.</summary>
    public List<double> ForTask()
    {
        var list = new List<double>(4096);
        lock (_lock)
        {
            _lists.Add(list);
        }

        return list;
    }

    /// <summary>Every duration recorded so far, in milliseconds, in no particular order.</summary>
    public double[] Values()
    {
        lock (_lock)
        {
            return [.. _lists.SelectMany(l => l)];
        }
    }

    public LatencySummary Summary()
    {
        lock (_lock)
        {
            return LatencySummary.Of(_lists.SelectMany(l => l));
        }
    }
}
