using System.Globalization;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Cli.Terminal;

/// <summary>iperf3-style interval lines on stderr while a case runs.</summary>
internal sealed class IntervalPrinter(TextWriter stderr)
{
    public void Header(Case c)
    {
        stderr.WriteLine($"loopbench: {c.Key}");
        stderr.WriteLine(Transactional(c)
            ? $"Interval (s)        Transactions    {(c.Pattern == PatternKind.Crr ? "Conns/s" : "Trans/s")}"
            : "Interval (s)        Transfer        Bitrate");
    }

    public void Print(Case c, int repetition, IntervalResult sample)
    {
        string span = string.Create(CultureInfo.InvariantCulture, $"{sample.StartNs / 1e9,6:0.00}-{sample.EndNs / 1e9,-8:0.00}");
        string line = Transactional(c)
            ? $"{span}    {sample.Transactions,12}  {Figures.Whole(sample.TransactionsPerSecond()),9}"
            : $"{span}    {Figures.Bytes(sample.Bytes),10}  {Figures.Gbits(sample.BitsPerSecond()),7} Gbit/s";
        stderr.WriteLine(line);
    }

    private static bool Transactional(Case c) => c.Pattern is PatternKind.Rr or PatternKind.Crr or PatternKind.RrUnderLoad;
}
