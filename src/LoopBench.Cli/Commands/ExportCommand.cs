using LoopBench.Cli.Verbs;
using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Core.Results.Export;

namespace LoopBench.Cli.Commands;

/// <summary>Writes a run in a CI or monitoring format to stdout or, atomically, to a file.</summary>
internal sealed class ExportCommand(TextWriter stdout, TextWriter stderr)
{
    private static readonly string[] Formats = ["csv", "gab", "bencher", "openmetrics"];

    public int Execute(ExportOptions options)
    {
        string format = options.Format.ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            throw new UsageException($"--format: unknown format '{options.Format}'; valid: {string.Join(", ", Formats)}");
        }

        if (options.Better is not ("higher" or "lower"))
        {
            throw new UsageException($"--better: unknown direction '{options.Better}'; valid: higher, lower");
        }

        RunResult run;
        try
        {
            run = RunLocator.Load(options.Run, options.History);
        }
        catch (RunFileException ex)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }

        string text = format switch
        {
            "csv" => CsvExporter.Write(run),
            "gab" => GithubActionBenchmarkExporter.Write(run, options.Better == "higher" ? BetterDirection.Higher : BetterDirection.Lower),
            "bencher" => BencherExporter.Write(run),
            _ => OpenMetricsExporter.Write(run),
        };
        if (options.Output is null)
        {
            stdout.Write(text);
            return ExitCodes.Ok;
        }

        // Atomic and durable (fsync, rename, fsync of the directory): the textfile collector must
        // never scrape a half-written file, and a power cut must not leave an empty one.
        ResultStore.WriteAtomic(options.Output, text);
        return ExitCodes.Ok;
    }
}
