using System.Collections;
using System.Reflection;
using CommandLine;
using LoopBench.Cli;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// Every option of every verb, found by reflection over the CommandLineParser classes (so options
/// added later are covered too), gets wrong-type, out-of-range, empty and huge values: each must
/// exit 2 with a message naming the option, before anything runs.
/// </summary>
public sealed class CliBadValueBatteryTests
{
    private const string Missing = "/nonexistent/loopbench-battery/run.json";

    /// <summary>Integer options whose negative values are meaningful.</summary>
    private static readonly HashSet<string> NegativeAllowed = ["seed"];

    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var verb in VerbTypes())
        {
            data.Add(verb.GetCustomAttribute<VerbAttribute>()!.Name);
        }

        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Verbs))]
    public async Task EveryOption_WithABadValue_ExitsTwoNamingTheOption(string verbName)
    {
        var verb = VerbTypes().Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == verbName);
        var failures = new List<string>();
        int tried = 0;
        foreach (var (property, option) in Options(verb))
        {
            foreach (string value in BadValues(property.PropertyType, option.LongName))
            {
                tried++;
                // "--name=value" keeps "-1" a value; an empty or blank value goes as its own argument
                string[] tail = string.IsNullOrWhiteSpace(value) ? [$"--{option.LongName}", value] : [$"--{option.LongName}={value}"];
                var args = BaseArgs(verb, option.LongName).Concat(tail).ToArray();
                var run = Task.Run(() => CliHarness.Run(args));
                if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)) != run)
                {
                    failures.Add($"{verbName} --{option.LongName}={Show(value)}: did not return within 20 s (it ran?)");
                    continue;
                }

                var (code, _, stderr) = await run;
                if (code != 2 || !stderr.Contains("--" + option.LongName, StringComparison.Ordinal))
                {
                    failures.Add($"{verbName} --{option.LongName}={Show(value)}: exit {code}, stderr: {Show(stderr.Trim())}");
                }
            }
        }

        Assert.True(tried > 0 || !Options(verb).Any(), "no value was tried");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Battery_CoversEveryVisibleVerb()
    {
        var names = VerbTypes().Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name).ToList();
        Assert.Contains("quick", names);
        Assert.Contains("run", names);
        Assert.Contains("compare", names);
        Assert.True(names.Count >= 10, string.Join(", ", names));
    }

    private static IEnumerable<Type> VerbTypes() =>
        typeof(CliApp).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<VerbAttribute>() is { Hidden: false })
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static IEnumerable<(PropertyInfo Property, OptionAttribute Option)> Options(Type verb) =>
        verb.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, p.GetCustomAttribute<OptionAttribute>()))
            .Where(x => x.Item2 is not null && x.p.PropertyType != typeof(bool))
            .Select(x => (x.p, x.Item2!));

    /// <summary>The verb, a placeholder for each positional value, and every other required option with a valid value.</summary>
    private static IEnumerable<string> BaseArgs(Type verb, string underTest)
    {
        yield return verb.GetCustomAttribute<VerbAttribute>()!.Name;
        foreach (var property in verb.GetProperties().Where(p => p.GetCustomAttribute<ValueAttribute>() is not null))
        {
            yield return Missing;
        }

        foreach (var (property, option) in Options(verb).Where(o => o.Option.Required && o.Option.LongName != underTest))
        {
            yield return $"--{option.LongName}={ValidValueOf(verb, property)}";
        }
    }

    private static string ValidValueOf(Type verb, PropertyInfo property) =>
        property.GetValue(Activator.CreateInstance(verb)) is string { Length: > 0 } text ? text : "csv";

    private static IEnumerable<string> BadValues(Type type, string name)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        yield return string.Empty;
        yield return new string('9', 5000);
        if (core == typeof(string) || (typeof(IEnumerable).IsAssignableFrom(core) && core != typeof(string)))
        {
            yield return "   ";
            yield break;
        }

        yield return "not-a-number";
        if (core.IsEnum)
        {
            yield break;
        }

        yield return "99999999999999999999999";
        if (!NegativeAllowed.Contains(name))
        {
            yield return "-1";
        }
    }

    private static string Show(string text) => text.Length > 160 ? text[..160] + "…" : text.Replace("\n", " | ", StringComparison.Ordinal);
}
