using LoopBench.Core.History;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.History;

/// <summary>Which --history is a PostgreSQL connection string, and how messages name it.</summary>
public sealed class HistoryTargetTests
{
    [Theory]
    [InlineData("results/history.db", false)]
    [InlineData("/var/lib/loopbench/history.db", false)]
    [InlineData("./Host=1.db", false)]
    [InlineData("postgres://bench@db.example:5432/loopbench", true)]
    [InlineData("postgresql://db.example/loopbench?sslmode=require", true)]
    [InlineData("Host=db.example;Database=loopbench;Username=bench", true)]
    [InlineData("Database=loopbench; host=db.example", true)]
    public void IsPostgres_ByTheRuleDocumented(string spec, bool expected) => Assert.Equal(expected, HistoryTarget.IsPostgres(spec));

    [Theory]
    [InlineData("postgresql://bench:s3cret@db.example:6543/loopbench?sslmode=require", "postgresql://bench@db.example:6543/loopbench")]
    [InlineData("Host=db.example;Database=loopbench;Username=bench;Password=s3cret", "postgresql://bench@db.example:5432/loopbench")]
    [InlineData("results/history.db", "results/history.db")]
    public void Describe_NamesTheDatabase_WithoutThePassword(string spec, string expected) => Assert.Equal(expected, HistoryTarget.Describe(spec));

    [Fact(Timeout = 30_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void AnUnreachableServer_IsInaccessible_AndTheMessageHidesThePassword()
    {
        string spec = $"Host=127.0.0.1;Port={ServerProcess.FreePort()};Username=bench;Password=s3cret;Database=x;Timeout=5";
        var ex = Assert.Throws<HistoryException>(() => new HistoryStore(spec));
        Assert.Equal(HistoryProblem.Inaccessible, ex.Problem);
        Assert.StartsWith("'postgresql://bench@127.0.0.1:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }
}
