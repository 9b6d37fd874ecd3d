using System.Net;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Safety;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// During a real run of each transport, the kernel's own socket tables (/proc/net/tcp, tcp6, udp,
/// udp6, unix) show that every socket of this process is bound to a loopback address, and every
/// Unix path lives in a private 0700 directory: no listener sits on a wildcard or external address.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class ListenerAddressTests
{
    public static TheoryData<TransportKind, PatternKind> Runs() => new()
    {
        { TransportKind.Tcp4, PatternKind.Crr }, // crr keeps its listener for the whole window
        { TransportKind.Tcp6, PatternKind.Crr },
        { TransportKind.Tcp4, PatternKind.Stream },
        { TransportKind.Udp4, PatternKind.Stream },
        { TransportKind.Udp6, PatternKind.Rr },
        { TransportKind.UnixStream, PatternKind.Crr },
        { TransportKind.UnixSeqpacket, PatternKind.Stream },
        { TransportKind.UnixDgram, PatternKind.Stream },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Runs))]
    public void DuringARun_EverySocketIsOnLoopbackOrInAPrivateDirectory(TransportKind transport, PatternKind pattern)
    {
        Assert.SkipWhen(transport.IsIpv6() && !System.Net.Sockets.Socket.OSSupportsIPv6, "IPv6 is disabled on this host");
        var seen = new List<InetSocketRow>();
        var unixPaths = new List<string>();
        var violations = new List<string>();
        var runner = new Runner();
        runner.IntervalCompleted += (_, _, _) => Inspect(seen, unixPaths, violations);

        var result = runner.RunCase(QuickCases.Short(new Case { Transport = transport, Pattern = pattern }), cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        if (transport.IsIp())
        {
            string family = transport.IsTcp() ? "tcp" : "udp";
            Assert.Contains(seen, r => r.File.StartsWith(family, StringComparison.Ordinal)); // the check saw the case's sockets
            Assert.True(pattern != PatternKind.Crr || seen.Any(r => r.IsListening), "no listener was seen during the crr window");
        }
        else
        {
            Assert.NotEmpty(unixPaths);
        }
    }

    [Fact]
    public void DecodeAddress_ReadsTheKernelsWordOrder()
    {
        Assert.Equal(IPAddress.Loopback, ProcNetSockets.DecodeAddress("0100007F"));
        Assert.Equal(IPAddress.IPv6Loopback, ProcNetSockets.DecodeAddress("00000000000000000000000001000000"));
        var row = Assert.Single(ProcNetSockets.ParseInet("tcp",
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
            + "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21234 1 0000000000000000 100 0 0 10 0\n"));
        Assert.Equal(IPAddress.Any, row.LocalAddress);
        Assert.Equal(22, row.LocalPort);
        Assert.True(row.IsListening);
        Assert.Equal(21234, row.Inode);
    }

    private static void Inspect(List<InetSocketRow> seen, List<string> unixPaths, List<string> violations)
    {
        var own = ProcNetSockets.OwnSocketInodes();
        foreach (string file in ProcNetSockets.InetFiles)
        {
            foreach (var row in ProcNetSockets.ReadInet(file).Where(r => own.Contains(r.Inode)))
            {
                seen.Add(row);
                if (!LoopbackAddress.IsLoopback(row.LocalAddress.IsIPv4MappedToIPv6 ? row.LocalAddress.MapToIPv4() : row.LocalAddress))
                {
                    violations.Add($"{file}: socket {row.Inode} is bound to {row.LocalAddress}:{row.LocalPort} (state {row.State:X2})");
                }
            }
        }

        foreach (var row in ProcNetSockets.ReadUnix().Where(r => own.Contains(r.Inode) && r.Path is { Length: > 0 } && r.Path[0] == '/'))
        {
            string directory = Path.GetDirectoryName(row.Path)!;
            if (!Path.GetFileName(directory).StartsWith("loopbench-", StringComparison.Ordinal))
            {
                continue; // another test's socket, not made by the connector
            }

            unixPaths.Add(row.Path!);
            if (PathStatus.Of(directory) is { } status
                && (status.IsSymlink || status.Mode != PrivateDirectory.OwnerOnly || status.OwnerUid != PathStatus.EffectiveUid))
            {
                violations.Add($"unix: {row.Path} lives in {directory} with mode {Convert.ToString((int)status.Mode, 8)}, owner {status.OwnerUid}");
            }
        }
    }
}
