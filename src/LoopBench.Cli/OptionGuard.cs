using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using CommandLine;

namespace LoopBench.Cli;

/// <summary>
/// Checks every option of a parsed verb generically, by reflection over its <see cref="OptionAttribute"/>s,
/// before any command runs: an empty value, a value longer than anything a path, a name or a
/// number needs, a negative or non-finite number, or one outside the option's <see cref="RangeAttribute"/>
/// is bad input naming the option. Options added later are covered without a change here.
/// </summary>
internal static class OptionGuard
{
    /// <summary>No path, size, name or list item needs more (PATH_MAX is 4096).</summary>
    public const int MaxValueChars = 4096;

    /// <summary>Numeric options whose negative values mean something.</summary>
    private static readonly HashSet<string> SignedOptions = new(StringComparer.Ordinal) { "seed" };

    /// <summary>The first problem with <paramref name="options"/>, or null.</summary>
    public static string? Problem(object? options)
    {
        if (options is null)
        {
            return null;
        }

        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<OptionAttribute>() is not { } option)
            {
                continue;
            }

            string name = "--" + option.LongName;
            object? value = property.GetValue(options);
            if (NumberProblem(value, option.LongName, property.GetCustomAttribute<RangeAttribute>()) is string numberProblem)
            {
                return $"option '{name}' {numberProblem}";
            }

            switch (value)
            {
                case string text when ValueProblem(text) is string problem:
                    return $"option '{name}' {problem}";
                case IEnumerable items and not string:
                    foreach (object? item in items)
                    {
                        if (item is string text && ValueProblem(text) is string problem)
                        {
                            return $"option '{name}' {problem}";
                        }
                    }

                    break;
            }
        }

        return null;
    }

    private static string? NumberProblem(object? value, string name, RangeAttribute? range)
    {
        double? number = value switch
        {
            int i => i,
            long l => l,
            double d => d,
            _ => null,
        };
        if (number is not double x)
        {
            return null;
        }

        if (!double.IsFinite(x))
        {
            return "has a value that is not a finite number";
        }

        if (x < 0 && !SignedOptions.Contains(name))
        {
            return string.Create(CultureInfo.InvariantCulture, $"has a negative value ({x})");
        }

        return range is null || range.IsValid(value)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"has the value {x}, outside {(range.MinimumIsExclusive ? "(" : "[")}{range.Minimum}, {range.Maximum}{(range.MaximumIsExclusive ? ")" : "]")}");
    }

    private static string? ValueProblem(string text) =>
        string.IsNullOrWhiteSpace(text) ? "has an empty value"
        : text.Length > MaxValueChars ? $"has a value of {text.Length} characters (at most {MaxValueChars})"
        : text.Contains('\0', StringComparison.Ordinal) ? "has a value with a NUL character"
        : null;
}
