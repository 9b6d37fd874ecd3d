using System.Globalization;

namespace LoopBench.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Every figure and file is written in invariant culture, whatever the user's locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        return CliApp.Run(args, Console.Out, Console.Error);
    }
}
