using System.Globalization;

namespace LoopBench.Core.Transports;

/// <summary>Human forms of knob values: "16 MiB", "1.5 Gbit/s", "on". Invariant culture.</summary>
internal static class SocketKnobText
{
    private const long KiB = 1024;
    private const long MiB = 1024 * 1024;
    private const long GiB = 1024 * 1024 * 1024;

    /// <summary>Exact binary units when they divide evenly, else bytes: "8 MiB", "4608 B".</summary>
    public static string Bytes(long bytes) =>
        bytes != 0 && bytes % GiB == 0 ? Invariant($"{bytes / GiB} GiB")
        : bytes != 0 && bytes % MiB == 0 ? Invariant($"{bytes / MiB} MiB")
        : bytes != 0 && bytes % KiB == 0 ? Invariant($"{bytes / KiB} KiB")
        : Invariant($"{bytes} B");

    /// <summary>A rate in bytes per second, with its Gbit/s: "125000000 B/s (1 Gbit/s)".</summary>
    public static string Rate(long bytesPerSecond) =>
        Invariant($"{bytesPerSecond} B/s ({bytesPerSecond * 8 / 1e9:0.###} Gbit/s)");

    public static string OnOff(bool value) => value ? "on" : "off";

    public static string Microseconds(long us) => Invariant($"{us} µs");

    public static string Tos(long tos) => Invariant($"0x{tos:x2}");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
