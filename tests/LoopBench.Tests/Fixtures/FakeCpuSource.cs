using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A scripted host for the quiet-host gate: 2 CPUs at 100 ticks per second, where every read
/// advances time by one second and adds the outside load the script gives for the window that
/// read ends (% of one CPU, by the window's 0-based index) on top of the tested processes' own 10 %.
/// </summary>
internal sealed class FakeCpuSource(Func<int, double> outsidePercent, double stealPercent = 0) : ICpuSource
{
    private long _user, _system, _idle, _steal, _tested;

    public int Reads { get; private set; }

    public List<IReadOnlyList<int>> Pids { get; } = [];

    /// <summary>Every window reads the same outside load.</summary>
    public static FakeCpuSource Constant(double outsidePercent, double stealPercent = 0) => new(_ => outsidePercent, stealPercent);

    public CpuSnapshot Read(IReadOnlyList<int> testedPids)
    {
        Pids.Add(testedPids);
        if (Reads > 0)
        {
            // the window that ends at this read: outside and tested work, steal, the rest idle (200 ticks in all)
            long outside = (long)outsidePercent(Reads - 1);
            long steal = (long)stealPercent;
            const long tested = 10;
            _user += (outside + tested) / 2;
            _system += (outside + tested) - ((outside + tested) / 2);
            _steal += steal;
            _idle += 200 - outside - tested - steal;
            _tested += tested;
        }

        Reads++;
        return new CpuSnapshot(new SystemCpuTicks(_user, _system, _idle, 0, 0, 0, _steal), 2, _tested);
    }
}
