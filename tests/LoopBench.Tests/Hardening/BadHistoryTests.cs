using System.Diagnostics;
using LoopBench.Core.History;
using LoopBench.Tests.Core.Results.Export;
using LoopBench.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// A --history that is not a usable LoopBench history is bad input wherever it is opened (history
/// show, runs and import; last:&lt;label&gt; in compare, export, plot and report): exit 2 and one line
/// naming the file and what is wrong. Reading never changes the file.
/// </summary>
public sealed class BadHistoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Each way a history file can be bad, and the words the message must carry.</summary>
    public static TheoryData<string, string> Kinds => new()
    {
        { "zero-bytes", "holds no LoopBench history" },
        { "dev-zero", "is a character device" },
        { "fifo", "is a FIFO" },
        { "directory", "is a directory" },
        { "text-file", "not an SQLite database (file is not a database)" },
        { "corrupt-page", "is a corrupt SQLite database (database disk image is malformed); restore it" },
        { "foreign-runs-table", "not a LoopBench history: its runs table lacks" },
        { "foreign-tables", "not a LoopBench history: it has no runs table" },
        { "newer-schema", "has history schema 99" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Kinds))]
    public void EveryReader_GivenABadHistory_ExitsTwoWithOneLine(string kind, string expected)
    {
        string run = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture(1.0, "20261121T100000Z-bbbbbb"));
        string history = Make(kind);
        long sizeBefore = File.Exists(history) ? new FileInfo(history).Length : -1;
        string[][] commands =
        [
            ["history", "--history", history],
            ["history", "runs", "--history", history],
            ["compare", "last:main", run, "--history", history],
            ["export", "last:main", "--format", "csv", "--history", history],
            ["plot", "last:main", "--history", history, "--out", Path.Combine(_dir.Path, "p.png")],
            ["report", "last:main", "--history", history, "--out", Path.Combine(_dir.Path, "r.html")],
        ];
        foreach (var args in commands)
        {
            AssertBadInput(args, history, expected);
        }

        if (kind is not ("zero-bytes" or "dev-zero" or "fifo" or "directory"))
        {
            return;
        }

        Assert.Equal(sizeBefore, File.Exists(history) ? new FileInfo(history).Length : -1); // reading did not make it a database
        if (kind == "zero-bytes")
        {
            // recording is what may turn an empty file into a history
            Assert.Equal(0, CliHarness.Run("history", "import", run, "--label", "main", "--history", history).ExitCode);
            Assert.Equal(0, CliHarness.Run("history", "--history", history).ExitCode);
        }
        else
        {
            AssertBadInput(["history", "import", run, "--label", "main", "--history", history], history, expected);
        }
    }

    [Fact(Timeout = 60_000)]
    public void ALockHeldLongerThanTheBusyTimeout_IsNamedAsALock_NotAForeignFile()
    {
        string history = Recorded();
        using var holder = Hold(history);

        var watch = Stopwatch.StartNew();
        var (code, _, stderr) = CliHarness.Run("history", "--history", history);

        Assert.True(code == 2, stderr);
        string line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains($"'{history}' is locked by another process", line, StringComparison.Ordinal);
        Assert.True(watch.Elapsed >= HistoryStore.BusyTimeout - TimeSpan.FromSeconds(1), $"gave up after {watch.Elapsed}, before the busy timeout");
    }

    [Fact(Timeout = 60_000)]
    public async Task ALockReleasedWithinTheBusyTimeout_IsWaitedFor()
    {
        string history = Recorded();
        var holder = Hold(history);
        var token = TestContext.Current.CancellationToken;
        var release = Task.Run(
            async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), token);
                holder.Dispose();
            },
            token);
        try
        {
            var (code, stdout, stderr) = CliHarness.Run("history", "runs", "--history", history);

            Assert.True(code == 0, stderr);
            Assert.Contains("20261120T100000Z-aaaaaa", stdout, StringComparison.Ordinal);
        }
        finally
        {
            await release.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
    }

    private static void AssertBadInput(string[] args, string history, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(args);
        Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}: {stderr}");
        string line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains($"'{history}'", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    /// <summary>A real history with one run labelled main.</summary>
    private string Recorded()
    {
        string history = Path.Combine(_dir.Path, "history.db");
        HistoryStore.RecordTo(history, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"), "main", null);
        return history;
    }

    /// <summary>Another connection holds an exclusive lock: SQLite's locks apply between connections of one process too.</summary>
    private static SqliteConnection Hold(string history)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = history, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        begin.ExecuteNonQuery();
        return connection;
    }

    private string Make(string kind)
    {
        string path = Path.Combine(_dir.Path, kind + ".db");
        switch (kind)
        {
            case "zero-bytes":
                File.WriteAllBytes(path, []);
                break;
            case "dev-zero":
                return "/dev/zero";
            case "fifo":
                using (var mkfifo = Process.Start("mkfifo", path))
                {
                    mkfifo.WaitForExit(10_000);
                    Assert.Equal(0, mkfifo.ExitCode);
                }

                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "text-file":
                File.WriteAllText(path, "{ \"schemaVersion\": 1 }\n"); // a run.json passed as --history
                break;
            case "corrupt-page":
                path = Recorded();
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    // page 1 keeps the header and the schema; the runs table's pages become noise
                    file.Position = 4096;
                    file.Write(Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 + 7)).ToArray());
                }

                break;
            case "newer-schema":
                Execute(path, "CREATE TABLE runs (id INTEGER); PRAGMA user_version = 99;");
                break;
            case "foreign-runs-table":
                Execute(path, "CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT, started TEXT); INSERT INTO runs (name) VALUES ('a job');");
                break;
            default:
                Execute(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);");
                break;
        }

        return path;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
