namespace LoopBench.Core.Results;

/// <summary>Which network namespace a repetition's kernel counters describe (run.json's <c>kernelCountersScope</c>).</summary>
internal enum CountersScope
{
    /// <summary>Init's namespace: the counters see all of the host's lo.</summary>
    [Id("host")]
    Host,

    /// <summary>A private network namespace: this case's traffic only.</summary>
    [Id("netns")]
    NetNs,

    /// <summary>Read only: what runs written before the scope was detected recorded for host counters.</summary>
    [Id("host-wide")]
    HostWide,
}
