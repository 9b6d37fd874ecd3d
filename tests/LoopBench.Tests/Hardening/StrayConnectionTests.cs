using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// A stranger connects to the case's listening socket while the pair is being made and sends
/// nothing: it is turned away (closed), counted, reported in the result as strayConnections,
/// never measured, and it cannot stall the accept.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class StrayConnectionTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    [Theory(Timeout = 20_000)]
    [InlineData(TransportKind.Tcp4)]
    [InlineData(TransportKind.Tcp6)]
    public void TcpStray_ThatSendsNothing_IsClosedCountedAndNotPaired(TransportKind transport)
    {
        Assert.SkipWhen(transport.IsIpv6() && !Socket.OSSupportsIPv6, "IPv6 is disabled on this host");
        using var planter = new StrayPlanter();
        var address = transport == TransportKind.Tcp4 ? IPAddress.Loopback : IPAddress.IPv6Loopback;
        var watch = Stopwatch.StartNew();
        using var pair = LoopbackConnector.Connect(planter.Plant(new TransportOptions(transport, address)), ConnectTimeout);

        Assert.True(watch.Elapsed < ConnectTimeout, $"the silent stray stalled the accept for {watch.Elapsed}");
        Assert.Equal(1, pair.StrayConnections);
        Assert.Equal(pair.Client.LocalEndPoint, pair.Server.RemoteEndPoint);
        Assert.NotEqual(planter.Stray!.LocalEndPoint, pair.Server.RemoteEndPoint);
        Assert.True(planter.StrayWasClosed(), "the stray's connection was left open");
        pair.Client.Send("ping"u8);
        byte[] buffer = new byte[4];
        pair.Server.ReceiveTimeout = 5_000;
        Assert.Equal(4, pair.Server.Receive(buffer));
    }

    [Fact(Timeout = 30_000)]
    public void UnixStray_FromAnotherProcess_IsRefusedBySoPeerCred()
    {
        string? python = FindOnPath("python3");
        Assert.SkipWhen(python is null, "needs python3 to connect from another process");
        using var dir = new TempDirectory();
        Process? stranger = null;
        try
        {
            var options = new TransportOptions(TransportKind.UnixStream, null, UnixDirectory: dir.Path)
            {
                // runs after listen(), before our client connects: the stranger gets in first
                ConfigureClient = _ => stranger = ConnectFromAnotherProcess(python!, Directory.GetFiles(dir.Path, "s.sock", SearchOption.AllDirectories).Single()),
            };
            using var pair = LoopbackConnector.Connect(options, ConnectTimeout);

            Assert.Equal(1, pair.StrayConnections);
            Assert.Equal(Environment.ProcessId, LoopbackConnector.PeerPid(pair.Server));
            Assert.True(stranger!.WaitForExit(TimeSpan.FromSeconds(10)), "the stranger was never disconnected");
            Assert.Equal("closed", stranger.StandardOutput.ReadToEnd().Trim().Split('\n')[^1]);
        }
        finally
        {
            if (stranger is { HasExited: false })
            {
                stranger.Kill();
            }

            stranger?.Dispose();
        }
    }

    [Fact(Timeout = 20_000)]
    public void RunnerCase_WithAStray_ReportsItAndMeasuresOnlyItsOwnPair()
    {
        using var planter = new StrayPlanter();
        var runner = new Runner(new RunnerOptions { TransportHook = planter.Plant });
        var result = runner.RunCase(QuickCases.Short(new Case { Transport = TransportKind.Tcp4, Pattern = PatternKind.Rr }), 2, TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        Assert.Equal(2, result.Repetitions.Count);
        Assert.All(result.Repetitions, r => Assert.Equal(1, r.Metrics[MetricIds.StrayConnections]));
        Assert.All(result.Repetitions, r => Assert.True(r.Metrics[MetricIds.Transactions] > 0));
        var clean = new Runner().RunCase(QuickCases.Short(new Case { Transport = TransportKind.Tcp4 }), cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(0, Assert.Single(clean.Repetitions).Metrics[MetricIds.StrayConnections]);
    }

    [Fact(Timeout = 20_000)]
    public void AcceptExpected_WhenOnlyASilentStrayArrives_GivesUpAtTheDeadline()
    {
        using var listener = LoopbackListener.Open(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback));
        using var stray = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        stray.Connect(listener.EndPoint);
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<TransportSetupException>(() => LoopbackConnector.AcceptExpected(listener.Socket, TimeSpan.FromMilliseconds(300), _ => false));
        Assert.Contains("did not arrive within", ex.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.25, 5);
    }

    [Fact(Timeout = 30_000)]
    public void BacklogFullOfStrays_TheClientsConnectGivesUpAtTheDeadline()
    {
        var strays = new List<Socket>();
        Socket? listener = null;
        var options = new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback)
        {
            ConfigureListener = s => listener = s,
            ConfigureClient = _ =>
            {
                for (int i = 0; i < 64; i++) // the backlog is 16: the rest wait in SYN retries, and so would our client
                {
                    var stray = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                    strays.Add(stray);
                    try
                    {
                        stray.Connect(listener!.LocalEndPoint!);
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
                    {
                        // in progress
                    }
                }
            },
        };
        var watch = Stopwatch.StartNew();
        try
        {
            var ex = Assert.Throws<TransportSetupException>(() => LoopbackConnector.Connect(options, TimeSpan.FromSeconds(1)));
            Assert.Contains("did not complete within", ex.Message, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the connect took {watch.Elapsed}");
        }
        finally
        {
            strays.ForEach(s => s.Dispose());
        }
    }

    [Fact(Timeout = 20_000)]
    public void UdpStranger_IsDroppedByTheKernel()
    {
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Udp4, IPAddress.Loopback), ConnectTimeout);
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.SendTo("intruder"u8, pair.Server.LocalEndPoint!); // arrives first, if the kernel let it
        pair.Client.Send("ours"u8);
        byte[] buffer = new byte[64];
        pair.Server.ReceiveTimeout = 5_000;
        int n = pair.Server.Receive(buffer);
        Assert.Equal("ours", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        Assert.Equal(0, pair.Server.Available);
    }

    private static Process ConnectFromAnotherProcess(string python, string path)
    {
        const string Script = "import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\nprint('connected',flush=True)\n"
            + "s.settimeout(10)\nprint('closed' if s.recv(1)==b'' else 'data',flush=True)\n";
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        var process = Process.Start(start)!;
        Assert.Equal("connected", process.StandardOutput.ReadLine()); // connected before our own client
        return process;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Connects a silent stranger to the listener after listen() and before the case's own client connects.</summary>
    private sealed class StrayPlanter : IDisposable
    {
        private Socket? _listener;

        public Socket? Stray { get; private set; }

        public TransportOptions Plant(TransportOptions options) => options with
        {
            ConfigureListener = s =>
            {
                options.ConfigureListener?.Invoke(s);
                _listener = s;
            },
            ConfigureClient = s =>
            {
                options.ConfigureClient?.Invoke(s);
                var end = (IPEndPoint)_listener!.LocalEndPoint!;
                Stray?.Dispose();
                Stray = new Socket(end.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                Stray.Connect(end);
            },
        };

        /// <summary>True when the server side closed the stray (EOF or reset) within 5 s.</summary>
        public bool StrayWasClosed()
        {
            Stray!.ReceiveTimeout = 5_000;
            try
            {
                return Stray.Receive(new byte[1]) == 0;
            }
            catch (SocketException ex)
            {
                return ex.SocketErrorCode == SocketError.ConnectionReset;
            }
        }

        public void Dispose() => Stray?.Dispose();
    }
}
