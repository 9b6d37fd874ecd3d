using LoopBench.Cli.Verbs;
using LoopBench.Core.Comparison;
using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Plotting.Report;

namespace LoopBench.Cli.Commands;

/// <summary>Reads a run (and a baseline), compares with the compare engine, writes one self-contained report.html.</summary>
internal sealed class ReportCommand(TextWriter stdout, TextWriter stderr)
{
    /// <summary>The report's file name in a run directory.</summary>
    public const string FileName = "report.html";

    public int Execute(ReportOptions options)
    {
        try
        {
            var located = RunLocator.Locate(options.Run, options.History);
            var run = located.Run;
            ComparisonReport? comparison = null;
            if (options.Compare is string baselineSpec)
            {
                var baseline = RunLocator.Load(baselineSpec, options.History);
                comparison = CaseComparer.Compare(baseline, run, new ComparisonOptions { AllowEnvironmentDiff = options.AllowEnvironmentDiff });
            }

            string output = options.Out ?? Path.Combine(PlotCommand.RunDirectory(located, options.Run), FileName);
            Write(run, comparison, output);
            stdout.WriteLine($"report: {output}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is RunFileException or ComparisonInputException)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"loopbench: the report could not be written: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Builds and writes the report of <paramref name="run"/> to <paramref name="path"/>.</summary>
    internal static void Write(RunResult run, ComparisonReport? comparison, string path)
    {
        string html = RunReport.Build(run, comparison);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Atomic and durable like run.json: a browser or CI upload never sees half a report, and a
        // failed rewrite keeps the previous one.
        ResultStore.WriteAtomic(path, html);
    }
}
