using System.Text.Json;
using System.Text.Json.Nodes;
using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results;

/// <summary>
/// Calibration sections written by earlier builds (docs/calibrate/, re-indented) still read: a figure's
/// outcome and bound direction come back as their enums, and writing them again gives the same document.
/// </summary>
public sealed class CalibrationResultJsonTests
{
    public static TheoryData<string> StoredDocuments() =>
        new(Directory.GetFiles(RepoFiles.PathOf("docs", "calibrate"), "*.calibration.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [Fact(Timeout = 5_000)]
    public void StoredDocuments_Exist() => Assert.NotEmpty(StoredDocuments());

    [Theory(Timeout = 10_000)]
    [MemberData(nameof(StoredDocuments))]
    public void StoredSection_ReadsIntoTheEnums_AndWritesBackTheSame(string file)
    {
        var section = JsonNode.Parse(File.ReadAllText(RepoFiles.PathOf("docs", "calibrate", file)))!["calibration"]!.AsArray();
        var rows = JsonSerializer.Deserialize<List<CalibrationResult>>(section.ToJsonString(), ResultJson.Options)!;

        Assert.Equal(section.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var figures = section[i]!["figures"]!.AsArray();
            Assert.Equal(figures.Count, rows[i].Figures.Count);
            for (int j = 0; j < figures.Count; j++)
            {
                var f = rows[i].Figures[j];
                Assert.True(Enum.IsDefined(f.Outcome), $"{rows[i].RowId}: {(int)f.Outcome}");
                Assert.Equal((string?)figures[j]!["outcome"], f.Outcome.ToId());
                Assert.Equal((string?)figures[j]!["boundDirection"], f.BoundDirection?.ToId());
            }
        }

        Assert.True(JsonNode.DeepEquals(section, JsonNode.Parse(JsonSerializer.Serialize(rows, ResultJson.Options))), $"{file} changed on a round trip");
    }

    [Fact(Timeout = 5_000)]
    public void AFigureOutcomeThatIsNoId_IsRefused()
    {
        const string json = """[{"figure":"x","loopBenchValues":[],"toolValues":[],"pairRatios":[],"outcome":"Met"}]""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<List<CalibrationFigureResult>>(json, ResultJson.Options));
    }
}
