using System.Text.Json;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// The two built images side by side. Each Assert method collects every difference before failing, so one run
/// shows all that berth does differently (expected = docker, actual = berth).
/// </summary>
public sealed record DiffResult(SavedImage Berth, SavedImage Docker, JsonElement BerthConfig, JsonElement DockerConfig)
{
    /// <summary>The image config fields a Dockerfile sets (<c>image inspect .Config</c>).</summary>
    public static readonly string[] ConfigFields =
        ["Env", "Cmd", "Entrypoint", "WorkingDir", "User", "Labels", "ExposedPorts", "Volumes", "StopSignal",
         "Healthcheck", "OnBuild", "Shell"];

    /// <summary>Config, history and filesystem all equal.</summary>
    public void AssertSame()
    {
        var diffs = ConfigDifferences().Concat(HistoryDifferences()).Concat(FilesystemDifferences()).ToList();
        Assert.True(diffs.Count == 0, Report(diffs));
    }

    /// <summary>
    /// Config, history and filesystem all equal, except the history rows of <paramref name="instructions"/>
    /// (dropped on both sides): for a row format with its own known-difference case, so the rest still counts.
    /// </summary>
    public void AssertSameExceptHistoryOf(params string[] instructions)
    {
        var diffs = ConfigDifferences().Concat(HistoryDifferences(instructions)).Concat(FilesystemDifferences()).ToList();
        Assert.True(diffs.Count == 0, Report(diffs));
    }

    public void AssertSameConfig()
    {
        var diffs = ConfigDifferences().ToList();
        Assert.True(diffs.Count == 0, Report(diffs));
    }

    public void AssertSameFilesystem()
    {
        var diffs = FilesystemDifferences().ToList();
        Assert.True(diffs.Count == 0, Report(diffs));
    }

    public IEnumerable<string> ConfigDifferences()
    {
        foreach (var field in ConfigFields)
        {
            var expected = Canonical(DockerConfig, field);
            var actual = Canonical(BerthConfig, field);
            if (expected != actual)
                yield return $"config {field}: expected {expected}, actual {actual}";
        }
    }

    public IEnumerable<string> HistoryDifferences(params string[] ignoredInstructions)
    {
        bool Kept(SavedImage.HistoryStep h) => !ignoredInstructions.Any(i => h.CreatedBy.StartsWith(i + " ", StringComparison.Ordinal));
        var expected = Docker.History.Where(Kept).Select(h => h.ToString()).ToList();
        var actual = Berth.History.Where(Kept).Select(h => h.ToString()).ToList();
        if (!expected.SequenceEqual(actual))
            yield return "history:\n  expected:\n    " + string.Join("\n    ", expected) +
                         "\n  actual:\n    " + string.Join("\n    ", actual);
    }

    public IEnumerable<string> FilesystemDifferences()
    {
        foreach (var path in Docker.Files.Keys.Union(Berth.Files.Keys).Order(StringComparer.Ordinal))
        {
            var hasExpected = Docker.Files.TryGetValue(path, out var expected);
            var hasActual = Berth.Files.TryGetValue(path, out var actual);
            if (!hasExpected)
                yield return $"fs /{path}: expected absent, actual {actual}";
            else if (!hasActual)
                yield return $"fs /{path}: expected {expected}, actual absent";
            else if (expected != actual)
                yield return $"fs /{path}: expected {expected}, actual {actual}";
        }
    }

    /// <summary>The value of <paramref name="field"/> as sorted-key JSON; a missing field reads as null.</summary>
    private static string Canonical(JsonElement config, string field) =>
        config.ValueKind == JsonValueKind.Object && config.TryGetProperty(field, out var v) ? Canonical(v) : "null";

    private static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name, DiffJson.Default.String) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        _ => e.GetRawText(),
    };

    private static string Report(List<string> diffs) =>
        $"berth differs from docker ({diffs.Count}):\n" + string.Join("\n", diffs);
}
