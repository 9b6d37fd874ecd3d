using LoopBench.Cli.Commands;
using LoopBench.Cli.Terminal;
using LoopBench.Cli.Verbs;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>iperf3's -u, -4/-6, -A and -f on quick, and the did-you-mean and help of every verb.</summary>
public sealed class QuickIperfLettersTests
{
    private static readonly string[] VisibleVerbs = ["quick", "run", "plot", "report", "calibrate", "compare", "export", "history", "env", "restore"];

    [Theory]
    [InlineData("-u", TransportKind.Udp4)]
    [InlineData("-u -6", TransportKind.Udp6)]
    [InlineData("-u -4", TransportKind.Udp4)]
    [InlineData("-u -B ::1", TransportKind.Udp6)]
    [InlineData("-6", TransportKind.Tcp6)]
    [InlineData("-4", TransportKind.Tcp4)]
    [InlineData("-6 --transport udp6", TransportKind.Udp6)]
    [InlineData("-u --transport udp6", TransportKind.Udp6)]
    public void Letters_PickTheTransport(string letters, TransportKind expected)
    {
        var c = BuildCase(letters);

        Assert.Equal(expected, c.Transport);
    }

    [Theory]
    [InlineData("quick -u --transport tcp4", "-u asks for UDP")]
    [InlineData("quick -u -6 --transport udp4", "-u -6 asks for udp6, but --transport is udp4")]
    [InlineData("quick -6 --transport tcp4", "-6 asks for IPv6")]
    [InlineData("quick -4 --transport unix-stream", "-4 asks for IPv4")]
    [InlineData("quick -4 -B ::1", "-4 contradicts -B/--bind ::1")]
    [InlineData("quick -6 -B 127.0.0.1", "-6 contradicts -B/--bind 127.0.0.1")]
    [InlineData("quick -4 -6", "-4 and -6 contradict each other")]
    [InlineData("quick -A 0,1 --placement split", "-A/--affinity: names its own CPUs, but placement split")]
    [InlineData("quick -A 0,1,2", "-A/--affinity: '0,1,2' is not N or N,M")]
    [InlineData("quick -A 5000", "-A/--affinity: CPU 5000 is out of range")]
    [InlineData("quick --placement cpus", "--placement: placement cpus needs the CPUs")]
    [InlineData("quick -f x", "-f/--format: unknown unit 'x'")]
    public void Conflicts_ExitTwo_SayingWhy(string commandLine, string message)
    {
        var (code, stdout, stderr) = CliHarness.Run(commandLine.Split(' '));

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void Affinity_PinsClientAndServer_InTheResolvedCaseAndItsPlan()
    {
        var c = BuildCase("-A 0,1").Resolve();

        Assert.Equal(PlacementKind.Cpus, c.Placement);
        Assert.Equal((0, 1), (c.ClientCpu, c.ServerCpu));
        Assert.Contains(" cpus cpus=0,1 ", c.Key, StringComparison.Ordinal);
        Assert.True(PlacementPlan.TryCreate(c, [0, 1], out var plan, out _));
        Assert.Equal(new PlacementPlan(0, 1), plan);
    }

    [Fact]
    public void AffinityWithOneCpu_PinsOnlyTheClient()
    {
        var c = BuildCase("-A 1").Resolve();

        Assert.True(PlacementPlan.TryCreate(c, [0, 1], out var plan, out _));
        Assert.Equal(new PlacementPlan(1, null), plan);
        Assert.Contains(" cpus cpus=1 ", c.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Affinity_ToACpuNotAllowed_IsSkippedWithTheReason()
    {
        var c = BuildCase("-A 0,7").Resolve();

        Assert.False(PlacementPlan.TryCreate(c, [0, 1], out _, out string reason));
        Assert.Contains("server end to CPU 7", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Affinity_OnAnEngineThatCannotPin_IsSkipped()
    {
        var c = BuildCase("-A 0,1 --engine async").Resolve();

        Assert.NotNull(EngineFactory.PlacementSkipReason(c.Engine, c.Placement));
    }

    [Theory]
    [InlineData("m", "1250.00 Mbit/s")]
    [InlineData("k", "1250000.00 kbit/s")]
    [InlineData("g", "1.25 Gbit/s")]
    [InlineData("M", "149.01 MiB/s")]
    public void Format_ChangesTheUnitOfTheIntervalLine(string letter, string expected)
    {
        Assert.True(RateUnits.TryParse(letter, out var unit));
        var output = new StringWriter();
        var c = new Case().Resolve();

        new IntervalPrinter(output, unit).Print(c, 0, new IntervalResult(0, 1_000_000_000, 156_250_000, 0));

        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ChangesTheUnitOfTheSummaryTable()
    {
        var c = new Case().Resolve();
        var repetition = new RepetitionResult(0, DateTimeOffset.UnixEpoch, false, 1_000_000_000,
            new SortedDictionary<string, double> { [MetricIds.ThroughputBitsPerSecond] = 2e9, [MetricIds.SentThroughputBitsPerSecond] = 2e9 }, null, null, [], null, []);
        var result = new CaseResult(c.Key, c, CaseOutcome.Passed, null, [repetition]);

        string table = SummaryTable.Render(result, unit: RateUnit.Mbit);

        Assert.Contains("sent Mbit/s", table, StringComparison.Ordinal);
        Assert.Contains("2000.00", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Gbit/s", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quick", "--paralel", "2", "unknown option '--paralel'; did you mean --parallel?")]
    [InlineData("compare", "--treshold", "5%", "unknown option '--treshold'; did you mean --threshold?")]
    [InlineData("run", "--dryrun", "x.yaml", "unknown option '--dryrun'; did you mean --dry-run?")]
    public void UnknownOption_SuggestsTheClosest_AndExitsTwo(string verb, string typo, string value, string message)
    {
        var (code, _, stderr) = CliHarness.Run(verb, typo, value);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_FarFromAny_SuggestsNothing()
    {
        var (code, _, stderr) = CliHarness.Run("quick", "--zzzzzzzzzz");

        Assert.Equal(2, code);
        Assert.DoesNotContain("did you mean", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryVerbsHelp_StartsWithUsage_ThenTwoExamples_BeforeTheOptions()
    {
        foreach (string verb in VisibleVerbs)
        {
            var (code, stdout, _) = CliHarness.Run(verb, "--help");

            Assert.Equal(0, code);
            Assert.StartsWith($"usage: loopbench {verb} ", stdout, StringComparison.Ordinal);
            var examples = stdout.Split('\n').Where(l => l.StartsWith($"  loopbench {verb}", StringComparison.Ordinal)).ToList();
            Assert.True(examples.Count == 2, $"{verb}: {examples.Count} example lines in\n{stdout}");
            int firstOption = stdout.IndexOf("\n  -", StringComparison.Ordinal);
            Assert.True(firstOption > stdout.LastIndexOf(examples[1], StringComparison.Ordinal), $"{verb}: examples after the options");
        }
    }

    [Fact]
    public void QuickHelpExample_IsAWorkingCommandLine()
    {
        var (_, stdout, _) = CliHarness.Run("quick", "--help");
        string example = stdout.Split('\n').Last(l => l.StartsWith("  loopbench quick ", StringComparison.Ordinal)).Trim();

        var c = BuildCase(example["loopbench quick ".Length..]);

        Assert.Equal(TransportKind.Udp6, c.Transport);
        Assert.Equal((0, 1), (c.ClientCpu, c.ServerCpu));
    }

    /// <summary>The case quick builds from a command line, parsed as the CLI parses it.</summary>
    private static Case BuildCase(string flags)
    {
        string[] args = QuickOptions.Normalize(["quick", .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        using var parser = new CommandLine.Parser(s => s.CaseSensitive = true);
        var options = parser.ParseArguments<QuickOptions>(args[1..]).Value ?? throw new InvalidOperationException($"'{flags}' did not parse");
        return QuickCommand.BuildCase(options);
    }
}
