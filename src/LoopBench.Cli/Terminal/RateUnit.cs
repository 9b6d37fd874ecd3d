using LoopBench.Core;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// The unit of the bitrate columns (quick -f, as iperf3's): k/m/g are 10^3/10^6/10^9 bit/s,
/// K/M/G are KiB/MiB/GiB per second, as the byte figures beside them.
/// </summary>
internal enum RateUnit
{
    [Id("kbit")]
    Kbit,

    [Id("mbit")]
    Mbit,

    [Id("gbit")]
    Gbit,

    [Id("kibyte")]
    KiByte,

    [Id("mibyte")]
    MiByte,

    [Id("gibyte")]
    GiByte,
}
