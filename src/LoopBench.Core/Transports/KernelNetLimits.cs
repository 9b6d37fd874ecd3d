using System.Globalization;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Transports;

/// <summary>
/// The host limits that decide what a knob becomes: buffer caps, the congestion controls on offer,
/// lo's root qdisc. Read once per run from /proc/sys (<see cref="Read"/>); tests construct it.
/// </summary>
/// <param name="ReceiveBufferMaxBytes">net.core.rmem_max: the cap on a plain SO_RCVBUF request.</param>
/// <param name="SendBufferMaxBytes">net.core.wmem_max: the cap on a plain SO_SNDBUF request.</param>
/// <param name="AvailableCongestionControls">tcp_available_congestion_control (loaded modules).</param>
/// <param name="AllowedCongestionControls">tcp_allowed_congestion_control (what non-root may pick).</param>
/// <param name="LoQdisc">The root qdisc kind of lo, e.g. "noqueue" or "fq".</param>
internal sealed record KernelNetLimits(
    int ReceiveBufferMaxBytes,
    int SendBufferMaxBytes,
    IReadOnlyList<string> AvailableCongestionControls,
    IReadOnlyList<string> AllowedCongestionControls,
    string LoQdisc)
{
    /// <summary>TCP_MAXSEG bounds the kernel accepts: TCP_MIN_MSS and MAX_TCP_WINDOW.</summary>
    public const int MinMssBytes = 88;

    /// <summary>Upper TCP_MAXSEG bound the kernel accepts.</summary>
    public const int MaxMssBytes = 32767;

    /// <summary>Reads the limits of this host (network namespace); missing files give safe defaults.</summary>
    public static KernelNetLimits Read(string? loQdisc = null) => new(
        ReadInt("/proc/sys/net/core/rmem_max", 212_992),
        ReadInt("/proc/sys/net/core/wmem_max", 212_992),
        CongestionControlFiles.Available(),
        CongestionControlFiles.Allowed(),
        loQdisc ?? "noqueue");

    /// <summary>The congestion controls one may ask for: available ones, plus allowed ones (auto-loadable).</summary>
    public IReadOnlyList<string> CongestionChoices() =>
        AvailableCongestionControls.Concat(AllowedCongestionControls).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The message for an unknown congestion control, naming what the kernel offers.</summary>
    public string UnknownCongestionMessage(string name) =>
        $"unknown congestion control '{name}'; available: {string.Join(' ', CongestionChoices())}";

    private static int ReadInt(string path, int fallback)
    {
        try
        {
            return int.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return fallback;
        }
    }
}
