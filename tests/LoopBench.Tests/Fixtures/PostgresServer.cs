using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster for one test class (xunit class fixture): initdb in a temp
/// directory, started by pg_ctl on 127.0.0.1 and a free port, its socket in that directory;
/// Dispose stops it (pg_ctl stop -m immediate, else its PID) and removes the directory. As root,
/// the cluster belongs to user postgres (runuser), since PostgreSQL refuses to run as root.
/// Without the binaries the tests skip with the reason, unless LOOPBENCH_REQUIRE_POSTGRES=1.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Set by .ci/run where it installed PostgreSQL: a missing server then fails the tests.</summary>
    public const string RequireVariable = "LOOPBENCH_REQUIRE_POSTGRES";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string? _bin;
    private readonly string? _root;
    private readonly bool _asPostgresUser;
    private int _databases;

    public PostgresServer()
    {
        _bin = FindBin();
        if (_bin is null)
        {
            Unavailable = "PostgreSQL's initdb/pg_ctl are not under /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)";
            return;
        }

        _asPostgresUser = Environment.UserName == "root";
        _root = Directory.CreateTempSubdirectory("loopbench-pg-").FullName;
        try
        {
            Directory.CreateDirectory(SocketDirectory);
            if (_asPostgresUser)
            {
                Run("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
            }

            Port = ServerProcess.FreePort();
            Run(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions"], _asPostgresUser);
            string options = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {SocketDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40";
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "30", "-o", options, "start"], _asPostgresUser);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Why no server runs here, or null when one does.</summary>
    public string? Unavailable { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root!, "data");

    private string SocketDirectory => Path.Combine(_root!, "sock");

    /// <summary>Skips the test when no server runs here, or fails it when LOOPBENCH_REQUIRE_POSTGRES=1.</summary>
    public void SkipUnlessRunning()
    {
        if (Unavailable is null)
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable(RequireVariable) == "1", $"{RequireVariable}=1 but {Unavailable}");
        Assert.Skip(Unavailable);
    }

    /// <summary>A new, empty database of its own for one test; its key=value connection string.</summary>
    public string CreateDatabase()
    {
        SkipUnlessRunning();
        string name = "history_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Pooling=false;Timeout=10;Command Timeout=30";

    public void Dispose()
    {
        if (_root is null)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                StopServer();
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void StopServer()
    {
        int? pid = int.TryParse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault(), CultureInfo.InvariantCulture, out int p) ? p : null;
        try
        {
            Run(Path.Combine(_bin!, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], _asPostgresUser);
        }
        catch (InvalidOperationException) when (pid is int id)
        {
            using var process = Process.GetProcessById(id);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TaskTimeouts.Default);
        }
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;

    /// <summary>Runs a command to its end, bounded; throws with its output when it fails.</summary>
    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (string a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            lock (output)
            {
                throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited {process.ExitCode}: {output}");
            }
        }
    }
}
