using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Running;

public sealed class FileDescriptorBudgetTests
{
    [Fact]
    public void ParseLimit_ReadsTheSoftLimit_AndUnlimitedIsNone()
    {
        string[] limits =
        [
            "Limit                     Soft Limit           Hard Limit           Units",
            "Max processes             95763                95763                processes",
            "Max open files            1024                 1048576              files",
        ];
        Assert.Equal(1024, FileDescriptorBudget.ParseLimit(limits));
        Assert.Null(FileDescriptorBudget.ParseLimit(["Max open files            unlimited            unlimited            files"]));
        Assert.Null(FileDescriptorBudget.ParseLimit(["Max processes             95763                95763                processes"]));
    }

    [Theory]
    [InlineData(PatternKind.Stream, null, 1, 3)]
    [InlineData(PatternKind.Stream, null, 64, 129)]
    [InlineData(PatternKind.Bidir, null, 4, 17)]
    [InlineData(PatternKind.Bidir, BidirMode.Shared, 4, 9)]
    [InlineData(PatternKind.Crr, null, 4, 13)]
    [InlineData(PatternKind.RrUnderLoad, null, 4, 11)]
    [InlineData(PatternKind.RrUnderLoad, null, 0, 3)]
    public void SocketsFor_CountsEveryEndAndTheListener(PatternKind pattern, BidirMode? mode, int flows, int expected) =>
        Assert.Equal(expected, FileDescriptorBudget.SocketsFor(new Case { Pattern = pattern, BidirMode = mode, Parallel = flows }));

    [Fact]
    public void Shortfall_NamesTheLimit_OnlyWhenTheCaseDoesNotFit()
    {
        Assert.Null(FileDescriptorBudget.Shortfall(needed: 129, open: 30, limit: 1024));
        Assert.Null(FileDescriptorBudget.Shortfall(needed: 129, open: 30, limit: 30 + 129 + FileDescriptorBudget.RuntimeReserve));
        string? shortfall = FileDescriptorBudget.Shortfall(needed: 129, open: 30, limit: 30 + 129 + FileDescriptorBudget.RuntimeReserve - 1);
        Assert.NotNull(shortfall);
        Assert.Contains("ulimit -n) is 190 and 30 are already open", shortfall, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeesThisProcess_AndCountsANewDescriptor()
    {
        var before = FileDescriptorBudget.Read();
        Assert.NotNull(before);
        Assert.True(before.Value.Limit >= before.Value.Open && before.Value.Open >= 3, $"{before}");
        var extra = Enumerable.Range(0, 64).Select(_ => File.OpenRead("/proc/self/status")).ToList();
        try
        {
            var after = FileDescriptorBudget.Read();
            Assert.True(after!.Value.Open >= before.Value.Open + 48, $"{before} -> {after}"); // other test threads open and close files too
        }
        finally
        {
            extra.ForEach(f => f.Dispose());
        }
    }
}
