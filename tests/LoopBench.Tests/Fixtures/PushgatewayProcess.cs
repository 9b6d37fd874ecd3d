namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A real Prometheus Pushgateway (Debian's prometheus-pushgateway) on 127.0.0.1 and a free port,
/// in memory (no persistence file).
/// </summary>
internal static class PushgatewayProcess
{
    public const string Program = "prometheus-pushgateway";

    /// <summary>Full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program) => ServerProcess.Find(program);

    /// <summary>
    /// Starts the gateway and waits, bounded, until it is ready; Dispose stops it by its PID. Debian's build
    /// defaults to /var/lib/prometheus/pushgateway.data, which would hand the test another gateway's
    /// series, so the file is turned off.
    /// </summary>
    public static Task<ServerProcess> StartAsync(string path, CancellationToken cancel) => ServerProcess.StartAsync(path, ["--persistence.file="], cancel);
}
