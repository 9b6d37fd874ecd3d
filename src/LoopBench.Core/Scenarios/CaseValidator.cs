using LoopBench.Core.Engines;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Scenarios;

/// <summary>A problem with one parameter of a case.</summary>
/// <param name="Parameter">The parameter's name, e.g. "time".</param>
/// <param name="Message">What is wrong and what is valid.</param>
public sealed record CaseError(string Parameter, string Message);

/// <summary>
/// Checks a case before anything is opened: ranges, and the loopback-only rule for addresses.
/// Returns every problem at once.
/// </summary>
public static partial class CaseValidator
{
    /// <summary>Longest window or warm-up accepted: one day.</summary>
    public const long MaxDurationMs = 24L * 3600 * 1000;

    /// <summary>Shortest interval between progress lines: 10 ms, below which a line says more about the timer than the traffic.</summary>
    public const long MinIntervalMs = 10;

    /// <summary>Highest datagram pacing target: 100 M/s, far above what one loopback socket sends.</summary>
    public const double MaxPacketsPerSecond = 100_000_000;

    /// <summary>Highest bit-rate pacing target: 1 Tbit/s.</summary>
    public const long MaxBitsPerSecond = 1_000_000_000_000;

    /// <summary>Highest CPU number a placement may name: the 1024-CPU mask the pinning call passes.</summary>
    public const int MaxCpu = 1023;

    /// <summary>Largest receive spin: about a millisecond of recv calls, beyond which a receiver might as well spin for ever.</summary>
    public const int MaxReceiveSpin = 4096;

    /// <summary>All problems of <paramref name="candidate"/>; empty when it can run.</summary>
    public static IReadOnlyList<CaseError> Validate(Case candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var errors = new List<CaseError>();
        var c = candidate.Resolve();
        if (c.DurationMs <= 0 || c.DurationMs > MaxDurationMs)
        {
            errors.Add(new("time", $"{c.DurationMs} ms is out of range; the window must be positive and at most 24 h"));
        }

        if (c.WarmupMs < 0 || c.WarmupMs > MaxDurationMs)
        {
            errors.Add(new("warmup", $"{c.WarmupMs} ms is out of range; use 0 to 24 h"));
        }

        if (c.IntervalMs < 0 || (c.IntervalMs > 0 && c.IntervalMs < MinIntervalMs) || c.IntervalMs > MaxDurationMs)
        {
            errors.Add(new("interval", $"{c.IntervalMs} ms is out of range; use 0 to turn intervals off, or {MinIntervalMs} ms to 24 h"));
        }

        if (c.PacketsPerSecond > MaxPacketsPerSecond)
        {
            errors.Add(new("pps", $"{c.PacketsPerSecond} datagrams/s is out of range; at most {MaxPacketsPerSecond} (no loopback socket comes near it), or 0 for as fast as possible"));
        }

        if (c.BitsPerSecond > MaxBitsPerSecond)
        {
            errors.Add(new("bitrate", $"{c.BitsPerSecond} bit/s is out of range; at most 1T, or 0 for as fast as possible"));
        }

        CheckSize(errors, "length", c.MessageBytes);
        CheckSize(errors, "request-size", c.RequestBytes);
        CheckSize(errors, "response-size", c.ResponseBytes);
        if (c.Port is < 0 or > 65535)
        {
            errors.Add(new("port", $"{c.Port} is out of range; use 0 (any free port) to 65535"));
        }

        if (c.Transport.IsIp())
        {
            if (!LoopbackAddress.TryResolve(c.Bind!, c.Transport, out _, out string error))
            {
                errors.Add(new("bind", error));
            }
        }
        else
        {
            if (candidate.Bind is not null)
            {
                errors.Add(new("bind", $"transport {c.Transport.ToId()} takes no address; drop bind or use tcp4/tcp6/udp4/udp6"));
            }

            if (c.Port != 0)
            {
                errors.Add(new("port", $"transport {c.Transport.ToId()} takes no port"));
            }
        }

        if (candidate.NoDelay is not null && !c.Transport.IsTcp())
        {
            errors.Add(new("nodelay", $"TCP_NODELAY does not apply to {c.Transport.ToId()}"));
        }

        ValidateCpus(candidate, errors);
        ValidatePattern(candidate, c, errors);
        ValidateKnobs(c, errors);
        ValidateSandbox(c, errors);
        ValidateProcesses(c, errors);
        ValidateReceiveSpin(candidate, c, errors);

        return errors;
    }

    /// <summary>A receive spin only where a blocking byte-stream receiver would use it, within a sane budget.</summary>
    private static void ValidateReceiveSpin(Case candidate, Case resolved, List<CaseError> errors)
    {
        if (candidate.ReceiveSpin is not int spin)
        {
            return;
        }

        if (spin is < 0 or > MaxReceiveSpin)
        {
            errors.Add(new("receive-spin", $"{spin} is out of range; use 0 (block at once) to {MaxReceiveSpin}"));
        }
        else if (resolved.ReceiveSpin is null)
        {
            errors.Add(new("receive-spin", $"applies to byte-stream receivers on the blocking engine; this case ({resolved.Transport.ToId()} {resolved.Pattern.ToId()}, engine {resolved.Engine.ToId()}) has none that would use it"));
        }
    }

    /// <summary>Explicit CPUs: in the range a CPU mask holds, and not beside a placement that picks its own.</summary>
    private static void ValidateCpus(Case candidate, List<CaseError> errors)
    {
        foreach (int cpu in new[] { candidate.ClientCpu, candidate.ServerCpu }.OfType<int>().Where(cpu => cpu is < 0 or > MaxCpu))
        {
            errors.Add(new("cpus", $"CPU {cpu} is out of range; use 0 to {MaxCpu}"));
        }

        if (candidate.ClientCpu is null && candidate.Placement == PlacementKind.Cpus)
        {
            errors.Add(new("placement", "placement cpus needs the CPUs: cpus N[,M] (quick: -A N[,M])"));
        }
        else if (candidate.ClientCpu is not null && candidate.Placement is PlacementKind.SameCpu or PlacementKind.Split)
        {
            errors.Add(new("cpus", $"names its own CPUs, but placement {candidate.Placement.ToId()} picks them too; drop one of them"));
        }
    }

    private static void CheckSize(List<CaseError> errors, string name, int? bytes)
    {
        if (bytes is int b && (b < 1 || b > Case.MaxMessageBytes))
        {
            errors.Add(new(name, $"{b} bytes is out of range; use 1 B to 64 MiB"));
        }
    }
}
