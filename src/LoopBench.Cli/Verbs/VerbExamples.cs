using System.Reflection;
using CommandLine;
using CommandLine.Text;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// Builds the <see cref="UsageAttribute"/> examples of a verb. CommandLineParser prints every option whose
/// value is not its type's default, so options left at their initializer (--reps 1, --history …) are
/// cleared first: the example shows only what it sets.
/// </summary>
internal static class VerbExamples
{
    private static readonly UnParserSettings Settings = new() { PreferShortName = true };

    public static Example Of<T>(string helpText, Action<T> configure)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configure);
        var untouched = new T();
        var sample = new T();
        configure(sample);
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<OptionAttribute>() is not null && property.CanWrite
                && Equals(property.GetValue(sample), property.GetValue(untouched)))
            {
                property.SetValue(sample, property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null);
            }
        }

        return new Example(helpText, Settings, sample);
    }
}
