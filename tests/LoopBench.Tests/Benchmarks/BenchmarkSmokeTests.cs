using System.Reflection;
using BenchmarkDotNet.Attributes;
using LoopBench.Benchmarks;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Benchmarks;

/// <summary>
/// So that no benchmark rots (the PSU pattern): every benchmark class, for every combination of its
/// [Params], is instantiated, set up, each [Benchmark] method called once, and cleaned up. A BDN job
/// per partition would build a project each and take minutes on 2 cores.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class BenchmarkSmokeTests
{
    public static TheoryData<string> BenchmarkTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(BenchmarkAssembly).Assembly.GetTypes().Where(HasBenchmarks).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void Assembly_HasBenchmarks_ForEnginesAndHarness()
    {
        var names = BenchmarkTypes().Select(row => row.Data).ToList();
        Assert.Contains(names, n => n.EndsWith("EngineStreamBenchmarks", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("EngineRequestResponseBenchmarks", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("HarnessHotPathBenchmarks", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("TcpInfoBenchmarks", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BenchmarkTypes))]
    public async Task EachBenchmark_RunsOnce_ForEveryParameterCombination(string typeName)
    {
        var type = typeof(BenchmarkAssembly).Assembly.GetType(typeName, throwOnError: true)!;
        var benchmarks = type.GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute))).ToList();
        int combinations = 0;
        foreach (var assignment in ParameterCombinations(type))
        {
            object instance = Activator.CreateInstance(type)!;
            foreach (var (property, value) in assignment)
            {
                property.SetValue(instance, value);
            }

            Invoke<GlobalSetupAttribute>(instance);
            try
            {
                foreach (var method in benchmarks)
                {
                    await AwaitResult(method.Invoke(instance, null)).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
                }
            }
            finally
            {
                Invoke<GlobalCleanupAttribute>(instance);
            }

            combinations++;
        }

        Assert.True(combinations > 0);
    }

    private static bool HasBenchmarks(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute)));

    private static void Invoke<TAttribute>(object instance)
        where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods().Where(m => m.IsDefined(typeof(TAttribute))))
        {
            method.Invoke(instance, null);
        }
    }

    private static Task AwaitResult(object? result) => result switch
    {
        Task task => task,
        ValueTask valueTask => valueTask.AsTask(),
        ValueTask<int> valueTask => valueTask.AsTask(),
        ValueTask<bool> valueTask => valueTask.AsTask(),
        _ => Task.CompletedTask,
    };

    private static IEnumerable<List<(PropertyInfo Property, object? Value)>> ParameterCombinations(Type type)
    {
        IEnumerable<List<(PropertyInfo, object?)>> combinations = [[]];
        foreach (var property in type.GetProperties().Where(p => p.IsDefined(typeof(ParamsAttribute))))
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()!.Values;
            combinations = combinations.SelectMany(c => values.Select(v => new List<(PropertyInfo, object?)>(c) { (property, v) })).ToList();
        }

        return combinations;
    }
}
