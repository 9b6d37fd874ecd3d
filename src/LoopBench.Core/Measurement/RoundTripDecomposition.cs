using System.Globalization;

namespace LoopBench.Core.Measurement;

/// <summary>
/// The sampled round trips of a repetition, joined from the flows' ledgers after the window: each
/// complete sample split into its <see cref="RoundTripComponent"/>s, with what was missing and why.
/// </summary>
/// <param name="SampleEvery">1 in how many transactions was stamped.</param>
/// <param name="Sampled">Samples the clients completed inside the window.</param>
/// <param name="Components">Per component (in <see cref="RoundTripComponent"/> order), the ns of each complete sample.</param>
/// <param name="SumOverRtt">Per complete sample, (t7 − t0) over the RTT the client's monotonic clock measured.</param>
/// <param name="MissingTransmit">Samples without a transmit stamp (request or response).</param>
/// <param name="MissingReceive">Samples without a receive stamp (request or response).</param>
/// <param name="Unmatched">Samples whose server stamps belong to another transaction or are absent (a lost datagram).</param>
/// <param name="Overflowed">Sampled transactions after a ledger was full.</param>
internal sealed record RoundTripDecomposition(
    int SampleEvery,
    long Sampled,
    IReadOnlyList<long[]> Components,
    double[] SumOverRtt,
    long MissingTransmit,
    long MissingReceive,
    long Unmatched,
    long Overflowed)
{
    /// <summary>Components per sample.</summary>
    public const int ComponentCount = 7;

    /// <summary>Complete samples.</summary>
    public int Complete => SumOverRtt.Length;

    /// <summary>The seven components of one sample's eight stamps: t(i+1) − t(i).</summary>
    public static long[] Split(ReadOnlySpan<long> stamps)
    {
        if (stamps.Length != ComponentCount + 1)
        {
            throw new ArgumentException("a sample has eight stamps", nameof(stamps));
        }

        var parts = new long[ComponentCount];
        for (int i = 0; i < ComponentCount; i++)
        {
            parts[i] = stamps[i + 1] - stamps[i];
        }

        return parts;
    }

    /// <summary>Joins the ledgers' slots: a sample counts when both ends wrote the same transaction and all eight stamps are there.</summary>
    public static RoundTripDecomposition Join(IReadOnlyList<RoundTripLedger> ledgers)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        var components = Enumerable.Range(0, ComponentCount).Select(_ => new List<long>()).ToArray();
        var ratios = new List<double>();
        long sampled = 0, noTx = 0, noRx = 0, unmatched = 0, overflowed = 0;
        int every = ledgers.Count > 0 ? ledgers[0].SampleEvery : RoundTripLedger.DefaultSampleEvery;
        foreach (var ledger in ledgers)
        {
            overflowed += ledger.Overflowed;
            for (int slot = 0; slot < ledger.Capacity; slot++)
            {
                var (t, clientId, serverId, rttNs) = ledger.Read(slot);
                if (clientId < 0)
                {
                    continue; // not sampled, or outside the window
                }

                sampled++;
                if (serverId != clientId)
                {
                    unmatched++;
                }
                else if (t[1] == 0 || t[5] == 0)
                {
                    noTx++;
                }
                else if (t[2] == 0 || t[6] == 0)
                {
                    noRx++;
                }
                else
                {
                    var parts = Split(t);
                    for (int i = 0; i < ComponentCount; i++)
                    {
                        components[i].Add(parts[i]);
                    }

                    ratios.Add(rttNs > 0 ? (t[7] - t[0]) / (double)rttNs : double.NaN);
                }
            }
        }

        return new RoundTripDecomposition(every, sampled, components.Select(c => c.ToArray()).ToArray(), ratios.ToArray(), noTx, noRx, unmatched, overflowed);
    }

    /// <summary>Quantile <paramref name="q"/> of one component (nearest rank), or null with fewer samples than <see cref="LatencySummary.RequiredSamples"/>.</summary>
    public double? Quantile(RoundTripComponent component, double q) => NearestRank(Components[(int)component].Select(v => (double)v), q);

    /// <summary>The median of (sum of components) / RTT over the complete samples, or null without one.</summary>
    public double? SumOverRttMedian => NearestRank(SumOverRtt.Where(r => !double.IsNaN(r)), 0.5, minimum: 1);

    /// <summary>
    /// Why there are no components, for the repetition's notes; null when some sample is complete.
    /// A kernel that gives no stamps shows as samples without them: never as zeros.
    /// </summary>
    public string? MissingReason()
    {
        if (Complete > 0)
        {
            return null;
        }

        return Sampled == 0
            ? string.Create(CultureInfo.InvariantCulture, $"timestamps: no transaction was sampled inside the window (1 in {SampleEvery} is); the components are missing")
            : string.Create(CultureInfo.InvariantCulture,
                $"timestamps: the kernel returned no usable software timestamps for {Sampled} sampled transactions ({MissingTransmit} without a transmit stamp, {MissingReceive} without a receive stamp, {Unmatched} unmatched); the components are missing");
    }

    private static double? NearestRank(IEnumerable<double> values, double q, long? minimum = null)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0 || sorted.Length < (minimum ?? LatencySummary.RequiredSamples(q)))
        {
            return null;
        }

        int rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
