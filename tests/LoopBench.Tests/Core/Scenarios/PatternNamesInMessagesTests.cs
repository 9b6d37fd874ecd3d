using LoopBench.Core;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Scenarios;

/// <summary>Refusals name the patterns from their traits, so a new pattern shows up in them without an edit.</summary>
public sealed class PatternNamesInMessagesTests
{
    [Fact]
    public void IdsWhere_ListsEveryPatternWithTheTrait_InDeclarationOrder()
    {
        string expected = Join(Enum.GetValues<PatternKind>().Where(k => k.Traits().Bulk).Select(k => k.ToId()).ToArray());

        Assert.Equal(expected, PatternKinds.IdsWhere(t => t.Bulk));
        Assert.Contains("sendfile", expected, StringComparison.Ordinal);
        Assert.Equal("crr or cc", PatternKinds.IdsWhere(t => t.CountsConnections));
        Assert.Equal(string.Empty, PatternKinds.IdsWhere(_ => false));
    }

    [Fact]
    public void ByteLimitRefusal_NamesEveryBulkPattern_AndTheClosedLoopOnes()
    {
        var errors = CaseValidator.Validate(new Case { Pattern = PatternKind.Rr, ByteLimit = 1 << 20 });

        var error = Assert.Single(errors, e => e.Parameter == "bytes");
        Assert.Contains(PatternKinds.IdsWhere(t => t.Bulk), error.Message, StringComparison.Ordinal);
        Assert.Contains("sendfile", error.Message, StringComparison.Ordinal);
        Assert.Contains("use -k for transactions of rr, crr or cc", error.Message, StringComparison.Ordinal);
    }

    private static string Join(string[] ids) => ids.Length <= 1 ? string.Concat(ids) : $"{string.Join(", ", ids[..^1])} or {ids[^1]}";
}
