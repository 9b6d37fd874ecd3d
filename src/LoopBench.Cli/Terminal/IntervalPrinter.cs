using System.Globalization;
using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Cli.Terminal;

/// <summary>iperf3-style interval lines on stderr while a case runs.</summary>
internal sealed class IntervalPrinter(TextWriter stderr, RateUnit unit = RateUnit.Gbit)
{
    private static readonly UnitScale Seconds = UnitScale.Named(MetricUnitKind.Nanoseconds, "s");

    /// <summary>
    /// The header; and one line formatted and thrown away, so that the formatting code compiles here
    /// and not on the coordinator's thread inside the first window (about 40 methods on their first call).
    /// </summary>
    public void Header(Case c)
    {
        stderr.WriteLine($"loopbench: {c.Key}");
        stderr.WriteLine(Transactional(c)
            ? $"Interval (s)        Transactions    {(c.Pattern.Traits().CountsConnections ? "Conns/s" : "Trans/s")}"
            : "Interval (s)        Transfer        Bitrate" + ExtraHeader(c));
        _ = Line(c, new IntervalResult(0, 1, 0, 0) { Datagrams = 0, LostDatagrams = 0, Retransmits = 0, SendCwndBytes = 0 });
    }

    /// <summary>The loss columns of a datagram stream, Retr (and Cwnd with one sender) of TCP, or nothing.</summary>
    private static string ExtraHeader(Case c) =>
        Datagrams(c) ? "       Lost/Total Datagrams"
        : Tcp(c) ? "         Retr" + (OneSender(c) ? "      Cwnd" : string.Empty)
        : string.Empty;

    public void Print(Case c, int repetition, IntervalResult sample) => stderr.WriteLine(Line(c, sample));

    private string Line(Case c, IntervalResult sample)
    {
        string span = $"{Seconds.Number(sample.StartNs, "0.00"),6}-{Seconds.Number(sample.EndNs, "0.00"),-8}";
        return Transactional(c)
            ? $"{span}    {sample.Transactions,12}  {Figures.Whole(sample.TransactionsPerSecond()),9}"
            : $"{span}    {Figures.Bytes(sample.Bytes),10}  {RateUnits.Format(sample.BitsPerSecond(), unit),7} {unit.Label()}" + Loss(sample) + TcpColumns(c, sample);
    }

    /// <summary>iperf3's "Lost/Total Datagrams (%)" of the interval, or nothing.</summary>
    private static string Loss(IntervalResult sample) =>
        sample is { Datagrams: long total, LostDatagrams: long lost }
            ? string.Create(CultureInfo.InvariantCulture, $"  {lost,10}/{total,-10} ({(total > 0 ? 100.0 * lost / total : 0):0.##}%)")
            : string.Empty;

    /// <summary>iperf3's "Retr" of the interval (every flow) and, with one sender, its "Cwnd"; or nothing.</summary>
    private static string TcpColumns(Case c, IntervalResult sample)
    {
        if (!Tcp(c) || sample.Retransmits is not long retransmits)
        {
            return string.Empty;
        }

        string retr = string.Create(CultureInfo.InvariantCulture, $"  {retransmits,11}");
        string cwnd = sample.SendCwndBytes is long bytes ? Figures.Bytes(bytes) : "-";
        return OneSender(c) ? retr + string.Create(CultureInfo.InvariantCulture, $"  {cwnd,10}") : retr;
    }

    private static bool Tcp(Case c) => c.Transport.IsTcp() && c.Pattern.Traits().Bulk;

    private static bool OneSender(Case c) => c.Parallel == 1 && c.Pattern.Traits().OneWay;

    private static bool Datagrams(Case c) => c.Pattern.Traits().Bulk && c.Transport.KeepsMessageBoundaries();

    private static bool Transactional(Case c) => c.Pattern.IsTransactional();
}
