using System.Globalization;

namespace LoopBench.Core.Transports;

/// <summary>
/// Human forms of knob values: "16 MiB", "on", "0x10". Invariant culture. A knob's size is shown
/// exactly ("4608 B", not "4.50 KiB"), since it is compared with what the kernel reads back; a rate
/// adds its figure in the units every other rate is shown in (<see cref="UnitScale"/>).
/// </summary>
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

    /// <summary>A rate in bytes per second, with its bit rate: "125000000 B/s (1.000 Gbit/s)", "1250000 B/s (10.000 Mbit/s)".</summary>
    public static string Rate(long bytesPerSecond) =>
        Invariant($"{bytesPerSecond} B/s ({UnitScale.Figure(MetricUnitKind.BitsPerSecond, bytesPerSecond * 8.0)})");

    public static string OnOff(bool value) => value ? "on" : "off";

    public static string Microseconds(long us) => Invariant($"{us} µs");

    public static string Tos(long tos) => Invariant($"0x{tos:x2}");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
