using System.Reflection;
using System.Text;
using LoopBench.Core;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core;

public sealed class EnumIdsTests
{
    private const string GoldenFile = "enum-ids.txt";

    private static readonly Assembly[] Product =
    [
        typeof(Case).Assembly,
        typeof(LoopBench.Plotting.PlottingAssembly).Assembly,
        typeof(LoopBench.Cli.ExitCodes).Assembly,
        typeof(LoopBench.Benchmarks.BenchmarkAssembly).Assembly,
    ];

    private enum WithoutIds
    {
        [Id("a")]
        A,
        B,
    }

    private enum RepeatedIds
    {
        [Id("same")]
        A,
        [Id("same")]
        B,
    }

    [Fact(Timeout = 10_000)]
    public void EveryEnum_GivesEveryMemberAnId()
    {
        // Private nested enums are a type's own bookkeeping and never leave it; every other enum may
        // reach a result, a key or an export, so it carries ids.
        var offenders = new List<string>();
        foreach (var type in ProductEnums().Where(t => !t.IsNestedPrivate))
        {
            try
            {
                _ = EnumIds.Read(type);
            }
            catch (InvalidOperationException ex)
            {
                offenders.Add(ex.Message);
            }
        }

        Assert.Empty(offenders);
    }

    [Fact(Timeout = 10_000)]
    public void EveryId_IsPinned()
    {
        var text = new StringBuilder();
        foreach (var type in ProductEnums().Where(EnumIds.HasIds).OrderBy(DisplayName, StringComparer.Ordinal))
        {
            foreach (var (member, _, id) in EnumIds.Read(type))
            {
                text.Append(DisplayName(type)).Append('.').Append(member).Append(" = ").Append(id).Append('\n');
            }
        }

        Golden.Assert(text.ToString(), GoldenFile,
            "Stored run.json files, exports and the history hold these ids: a changed id breaks every baseline. "
            + "Renaming a member is safe only with its [Id] unchanged. To add members or enums, or to change an id "
            + "deliberately, review the .received file and re-run with LOOPBENCH_BLESS=1.");
    }

    [Fact(Timeout = 10_000)]
    public void DisplayNames_AreUnique()
    {
        var names = ProductEnums().Where(EnumIds.HasIds).Select(DisplayName).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact(Timeout = 5_000)]
    public void Read_RefusesAMemberWithoutAnId_NamingIt()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => EnumIds.Read(typeof(WithoutIds)));
        Assert.Contains("WithoutIds", ex.Message, StringComparison.Ordinal);
        Assert.Contains("B", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Read_RefusesARepeatedId()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => EnumIds.Read(typeof(RepeatedIds)));
        Assert.Contains("same", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void ToId_AndTryParse_RoundTrip_AndParseIsExact()
    {
        Assert.Equal("networkstream", LoopBench.Core.Engines.EngineKind.NetworkStream.ToId());
        Assert.True(EnumIds.TryParse("unix-stream", out LoopBench.Core.Transports.TransportKind kind));
        Assert.Equal(LoopBench.Core.Transports.TransportKind.UnixStream, kind);
        Assert.False(EnumIds.TryParse("Unix-Stream", out kind));
        Assert.False(EnumIds.TryParse("UnixStream", out kind));
        Assert.False(EnumIds.TryParse(null, out kind));
    }

    private static IEnumerable<Type> ProductEnums() => Product.SelectMany(a => a.GetTypes()).Where(t => t.IsEnum);

    private static string DisplayName(Type type) =>
        type.DeclaringType is { } outer ? DisplayName(outer) + "." + type.Name : type.Name;
}
