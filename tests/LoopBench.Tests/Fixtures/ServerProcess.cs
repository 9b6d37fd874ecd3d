using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A real server of the Prometheus family (Pushgateway, Prometheus) on 127.0.0.1 and a free port,
/// ready once its /-/ready answers 200. Dispose stops it by its PID.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseUri, string program)
    {
        Process = process;
        BaseUri = baseUri;
        Program = program;
    }

    /// <summary>Name of the program, for messages.</summary>
    public string Program { get; }

    public Process Process { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUri { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts <paramref name="path"/> with <c>--web.listen-address=127.0.0.1:PORT</c> and
    /// <paramref name="arguments"/>, and waits, bounded, until /-/ready answers 200; stops it again if it never does.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string path, IEnumerable<string> arguments, CancellationToken cancel)
    {
        int port = FreePort();
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Path.GetFileName(path));
        server.Process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.Process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        try
        {
            await server.WaitReadyAsync(cancel);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>GET <paramref name="relative"/> (e.g. "metrics"), bounded by the default timeout.</summary>
    public async Task<string> GetAsync(string relative, CancellationToken cancel)
    {
        using var client = new HttpClient { Timeout = TaskTimeouts.Default };
        return await client.GetStringAsync(new Uri(BaseUri, relative), cancel).WaitAsync(TaskTimeouts.Default, cancel);
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.WaitForExit(TaskTimeouts.Default);
        }
        finally
        {
            Process.Dispose();
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancel)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Program} exited with {Process.ExitCode} before it was ready: {Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUri, "-/ready"), cancel);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                // this probe timed out; the deadline decides
            }

            await Task.Delay(100, cancel);
        }

        throw new TimeoutException($"{Program} was not ready within {ReadyTimeout.TotalSeconds} s: {Output}");
    }

    /// <summary>
    /// A port the kernel just handed out for 127.0.0.1 (bind to port 0), released for the server
    /// to take: another process could take it first, and the start then fails with its bind error.
    /// </summary>
    internal static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
