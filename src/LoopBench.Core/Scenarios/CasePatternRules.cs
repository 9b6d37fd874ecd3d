using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// Combinations of transport, pattern and pattern options, asked of the pattern's traits: each
/// refusal names a valid alternative.
/// </summary>
internal static class CasePatternRules
{
    /// <summary>Most parallel flows accepted.</summary>
    public const int MaxParallel = 128;

    /// <summary>Most rr transactions outstanding per connection.</summary>
    public const int MaxInflight = 1024;

    public static void Check(Case candidate, Case c, List<CaseError> errors)
    {
        var traits = c.Pattern.Traits();
        string p = c.Pattern.ToId();
        int minParallel = traits.LoadFlows ? 0 : 1;
        if (c.Parallel < minParallel || c.Parallel > MaxParallel)
        {
            errors.Add(new("parallel", $"{c.Parallel} flows is out of range; use {minParallel} to {MaxParallel}"));
        }

        if (candidate.BidirMode is not null && !traits.BothWays)
        {
            errors.Add(new("bidir-mode", $"bidir-mode applies to {PatternKinds.IdsWhere(t => t.BothWays)}, not {p}; use --pattern {PatternKinds.FirstIdWhere(t => t.BothWays)}"));
        }

        CheckLimits(c, traits, p, errors);
        CheckInflight(candidate, c, traits, p, errors);
        if (candidate.Close is not null && !traits.CountsConnections)
        {
            errors.Add(new("close", $"--close applies to {PatternKinds.IdsWhere(t => t.CountsConnections)}, not {p}; use --pattern {PatternKinds.FirstIdWhere(t => t.CountsConnections)}"));
        }

        CheckTransport(c, traits, p, errors);
        CheckSizes(candidate, traits, p, errors);
        CheckPacing(candidate, c, traits, p, errors);
        CheckRequestTiming(candidate, c, traits, p, errors);
    }

    /// <summary>-n and -k: each counts what the pattern moves, and leaves every sender a share.</summary>
    private static void CheckLimits(Case c, PatternTraitsAttribute traits, string p, List<CaseError> errors)
    {
        if (c.ByteLimit is not null && !traits.Bulk)
        {
            errors.Add(new("bytes", $"-n counts bytes of {PatternKinds.IdsWhere(t => t.Bulk)}, not {p}; use -k for transactions of {PatternKinds.IdsWhere(t => t.ClosedLoopTransactions)}"));
        }

        if (c.TransactionLimit is not null && !traits.ClosedLoopTransactions)
        {
            errors.Add(new("transactions", $"-k counts transactions of {PatternKinds.IdsWhere(t => t.ClosedLoopTransactions)}, not {p}; use -n for the bytes of {PatternKinds.IdsWhere(t => t.Bulk)}, or -t"));
        }

        // Every sender sends its share: a share of nothing would run for the time instead.
        int senders = c.SenderCount();
        if (c.ByteLimit is long n && traits.Bulk && n < senders)
        {
            errors.Add(new("bytes", $"-n {n} leaves some of the {senders} senders nothing to send; use -n {senders} or more"));
        }

        if (c.TransactionLimit is long k && traits.ClosedLoopTransactions && k < Math.Max(1, c.Parallel))
        {
            errors.Add(new("transactions", $"-k {k} leaves some of the {c.Parallel} flows no transaction; use -k {c.Parallel} or more"));
        }
    }

    private static void CheckInflight(Case candidate, Case c, PatternTraitsAttribute traits, string p, List<CaseError> errors)
    {
        if (candidate.Inflight is not int inflight)
        {
            return;
        }

        if (!traits.Burst)
        {
            errors.Add(new("inflight", $"--inflight applies to {PatternKinds.IdsWhere(t => t.Burst)}, not {p}; use --pattern {PatternKinds.FirstIdWhere(t => t.Burst)} --inflight {inflight}"));
        }
        else if (inflight < 1 || inflight > MaxInflight)
        {
            errors.Add(new("inflight", $"{inflight} is out of range; use 1 to {MaxInflight}"));
        }
        else if (inflight > 1 && c.Transport.IsConnectionless())
        {
            errors.Add(new("inflight", $"{c.Transport.ToId()} rr keeps one request outstanding (a lost datagram would stall the pipeline); use unix-seqpacket or tcp4 for --inflight {inflight}"));
        }
    }

    /// <summary>The transports the pattern declares, and connections where each transaction opens one.</summary>
    private static void CheckTransport(Case c, PatternTraitsAttribute traits, string p, List<CaseError> errors)
    {
        string t = c.Transport.ToId();
        if (c.Pattern.TransportRefusal(c.Transport) is string refusal)
        {
            errors.Add(new("pattern", refusal));
        }

        if (traits.CountsConnections && c.Transport.IsConnectionless())
        {
            errors.Add(new("pattern", $"{p} needs connections and {t} has none; use --pattern {PatternKinds.FirstIdWhere(t => t.Burst)} on {t}, or {p} on tcp4, tcp6, unix-stream or unix-seqpacket"));
        }
    }

    /// <summary>A pattern that moves no data has no sizes to set.</summary>
    private static void CheckSizes(Case candidate, PatternTraitsAttribute traits, string p, List<CaseError> errors)
    {
        if (!traits.Dataless)
        {
            return;
        }

        foreach (var (name, given) in new[] { ("length", candidate.MessageBytes), ("request-size", candidate.RequestBytes), ("response-size", candidate.ResponseBytes) })
        {
            if (given is not null)
            {
                errors.Add(new(name, $"{p} moves no data, so --{name} does not apply; use --pattern {PatternKinds.FirstIdWhere(t => t.CountsConnections && !t.Dataless)} for connections that carry a request and a response"));
            }
        }
    }

    /// <summary>-b and --pps pace datagram streams only.</summary>
    private static void CheckPacing(Case candidate, Case c, PatternTraitsAttribute traits, string p, List<CaseError> errors)
    {
        string t = c.Transport.ToId();
        bool pacedTransport = c.Transport.KeepsMessageBoundaries();
        foreach (var (name, given) in new[] { ("bitrate", candidate.BitsPerSecond is > 0), ("pps", candidate.PacketsPerSecond is > 0) })
        {
            if (!given)
            {
                continue;
            }

            if (!traits.Bulk)
            {
                errors.Add(new(name, $"--{name} paces the datagrams of {PatternKinds.IdsWhere(t => t.Bulk)}, not {p}; use --pattern {PatternKinds.FirstIdWhere(t => t.OpenLoop)} --rate N for paced requests"));
            }
            else if (!pacedTransport)
            {
                errors.Add(new(name, $"--{name} pacing is unsupported on {t} (a byte stream has no datagrams to schedule); use udp4, udp6, unix-dgram or unix-seqpacket, or --pattern {PatternKinds.FirstIdWhere(t => t.OpenLoop)} --rate N over {t}"));
            }
        }

        if (candidate.BitsPerSecond is > 0 && candidate.PacketsPerSecond is > 0)
        {
            errors.Add(new("pps", "give either -b/--bitrate or --pps, not both"));
        }
    }

    /// <summary>--rate for an open loop, --rr-timeout where a closed loop over datagrams would wait for ever.</summary>
    private static void CheckRequestTiming(Case candidate, Case c, PatternTraitsAttribute traits, string p, List<CaseError> errors)
    {
        if (candidate.RequestsPerSecond is not null && !traits.OpenLoop)
        {
            errors.Add(new("rate", $"--rate sets the open-loop requests of {PatternKinds.IdsWhere(t => t.OpenLoop)}, not {p}; use --pattern {PatternKinds.FirstIdWhere(t => t.OpenLoop)}, or -b/--pps for datagram streams"));
        }
        else if (c.RequestsPerSecond is double rate && (rate <= 0 || rate > 1e7))
        {
            errors.Add(new("rate", $"{rate} requests/s is out of range; use 1 to 10M (an open loop needs a finite rate)"));
        }

        if (candidate.RrTimeoutMs is long && c.RrTimeoutMs is null)
        {
            errors.Add(new("rr-timeout", $"--rr-timeout applies to {PatternKinds.IdsWhere(t => t.Burst)} over udp4, udp6 or unix-dgram, not {p} on {c.Transport.ToId()}"));
        }
        else if (c.RrTimeoutMs is long ms && (ms < 1 || ms > 60_000))
        {
            errors.Add(new("rr-timeout", $"{ms} ms is out of range; use 1ms to 60s"));
        }
    }
}
