using System.Globalization;
using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using Spectre.Console;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// Live progress on stderr: a Spectre.Console bar in an interactive terminal, plain lines when
/// CI=true or stderr is not a terminal. Either way it draws only between repetitions (auto-refresh
/// is off), so it takes no CPU from a measured window on a small host. NO_COLOR is honoured.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="body"/> with the progress sink that fits <paramref name="stderr"/>.</summary>
    public static T Run<T>(TextWriter stderr, Func<IRunProgressSink, T> body)
    {
        if (!IsInteractive(stderr))
        {
            return body(new PlainProgress(stderr));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            ColorSystem = NoColor() ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        return console.Progress()
            .AutoRefresh(false)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                return body(new BarProgress(context, task, Math.Max(20, console.Profile.Width - 30)));
            });
    }

    /// <summary>"1m05s" or "42s".</summary>
    public static string Eta(long remainingMs)
    {
        var t = TimeSpan.FromMilliseconds(Math.Max(0, remainingMs));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds}s");
    }

    private static bool NoColor() => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    private static bool IsInteractive(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private sealed class PlainProgress(TextWriter stderr) : IRunProgressSink
    {
        public void Starting(RunProgress progress)
        {
        }

        public void Finished(RunProgress p, CaseOutcome outcome) =>
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{p.Done}/{p.Planned}] {p.CaseKey} rep {p.Repetition + 1}: {outcome.ToId()}, ETA {Eta(p.RemainingMs)}"));
    }

    private sealed class BarProgress(ProgressContext context, ProgressTask task, int width) : IRunProgressSink
    {
        public void Starting(RunProgress p)
        {
            task.MaxValue = Math.Max(1, p.Planned);
            task.Value = p.Done;
            string text = string.Create(CultureInfo.InvariantCulture,
                $"{p.Done}/{p.Planned} ETA {Eta(p.RemainingMs)} rep {p.Repetition + 1} {p.CaseKey}");
            task.Description = Markup.Escape(text.Length > width ? text[..(width - 1)] + "…" : text); // one line: no wrap
            context.Refresh();
        }

        public void Finished(RunProgress p, CaseOutcome outcome)
        {
            task.Value = p.Done;
            context.Refresh();
        }
    }
}
