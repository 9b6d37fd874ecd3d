using System.Text.Json.Nodes;
using LoopBench.Core.Results;
using LoopBench.Tests.Core.Results.Export;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// A run.json of the wrong shape is bad input in every verb that reads one: exit 2 and one line
/// naming the file and the JSON path, never "internal error" and never a stack trace.
/// </summary>
public sealed class BadRunFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A damage to a good document, and the text the message must show.</summary>
    public static TheoryData<string, string> Damages => new()
    {
        { "schemaVersion-string", "$.schemaVersion is a string (\"1\")" },
        { "metrics-null", "$.cases[0].repetitions[0].metrics" },
        { "metrics-missing", "$.cases[1].repetitions[2].metrics" },
        { "case-null", "$.cases[1]" },
        { "environment-missing", "$.environment" },
        { "end-cpus-null", "$.cases[0].repetitions[0].ends[0].cpusObserved" },
        { "end-role-unknown", "$.cases[0].repetitions[0].ends[0].role" },
        { "qdisc-unknown", "unknown qdisc" },
        { "bucket-count-overflow", "$.cases[0].repetitions[1].latencyBuckets[0][2] is 9223372036854775807; expected a count ≥ 0" },
        { "bucket-short", "$.cases[0].repetitions[0].latencyBuckets[0] has 2 numbers; expected [lowerNs, widthNs, count]" },
    };

    public static TheoryData<string> Verbs => ["compare", "report", "export", "plot"];

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Damages))]
    public void EveryVerb_GivenADamagedRunJson_ExitsTwoWithOneLineNamingThePath(string damage, string expected)
    {
        string good = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture(1.0, "20261120T100000Z-aaaaaa"));
        string bad = Damaged(damage);
        foreach (string verb in Verbs)
        {
            string[] args = verb switch
            {
                "compare" => ["compare", good, bad],
                "report" => ["report", bad, "--out", Path.Combine(_dir.Path, "r.html")],
                "plot" => ["plot", bad, "--out", Path.Combine(_dir.Path, "p.png")],
                _ => ["export", bad, "--format", "csv"],
            };
            var (code, _, stderr) = CliHarness.Run(args);
            Assert.True(code == 2, $"{verb}: exit {code}: {stderr}");
            string line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains(bad, line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reader_RefusesANumberThatIsNotAnInteger_AsSchemaVersion()
    {
        var ex = Assert.Throws<RunFileException>(() => RunFileReader.Parse("""{ "schemaVersion": 1.5 }""", "x.json"));
        Assert.Contains("$.schemaVersion", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_AcceptsEveryNullableMemberLeftOut()
    {
        // the shape check must not refuse what the writer omits (null members are not written)
        var run = ExporterGoldenTests.Fixture();
        Assert.Equal(ResultJson.Serialize(run), ResultJson.Serialize(RunFileReader.Parse(ResultJson.Serialize(run), "x.json")));
    }

    private string Damaged(string damage)
    {
        var root = JsonNode.Parse(ResultJson.Serialize(ExporterGoldenTests.Fixture(1.0, "20261121T100000Z-bbbbbb")))!.AsObject();
        var cases = root["cases"]!.AsArray();
        switch (damage)
        {
            case "schemaVersion-string":
                root["schemaVersion"] = "1";
                break;
            case "metrics-null":
                cases[0]!["repetitions"]![0]!["metrics"] = null;
                break;
            case "metrics-missing":
                cases[1]!["repetitions"]![2]!.AsObject().Remove("metrics");
                break;
            case "case-null":
                cases[1] = null;
                break;
            case "environment-missing":
                root.Remove("environment");
                break;
            case "end-cpus-null":
                cases[0]!["repetitions"]![0]!["ends"] = End("client", cpusObserved: null);
                break;
            case "end-role-unknown":
                cases[0]!["repetitions"]![0]!["ends"] = End("sender", cpusObserved: new JsonArray(0));
                break;
            case "bucket-count-overflow":
                // each count fits; the case's sum, which the report merges, does not
                cases[0]!["repetitions"]![0]!["latencyBuckets"] = new JsonArray(new JsonArray(1000, 8, 2));
                cases[0]!["repetitions"]![1]!["latencyBuckets"] = new JsonArray(new JsonArray(1000, 8, long.MaxValue));
                break;
            case "bucket-short":
                cases[0]!["repetitions"]![0]!["latencyBuckets"] = new JsonArray(new JsonArray(1000, 8));
                break;
            default:
                cases[0]!["case"]!["kernel"] = new JsonObject { ["qdisc"] = "bogus" };
                break;
        }

        string file = Path.Combine(_dir.Path, damage, RunFileReader.RunFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, root.ToJsonString());
        return file;
    }

    /// <summary>One end of a repetition, whole but for the field a damage names.</summary>
    private static JsonArray End(string role, JsonArray? cpusObserved) => new(new JsonObject
    {
        ["name"] = "client", ["role"] = role, ["cpusObserved"] = cpusObserved, ["bytes"] = 1, ["messages"] = 1, ["transactions"] = 0,
        ["sendCalls"] = 1, ["receiveCalls"] = 0, ["shortSends"] = 0,
    });
}
