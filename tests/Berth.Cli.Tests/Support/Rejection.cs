namespace Berth.Cli.Tests.Support;

/// <summary>
/// Checks for hostile input: the command failed cleanly (exit 1, one line on stderr naming the problem), the
/// store is as it was and verifies, and nothing named with the test's token exists outside the state root.
/// </summary>
public static class Rejection
{
    public static void AssertRejected(TestRoot t, BerthResult r, IReadOnlyList<string> namesBefore, params string[] mentions)
    {
        r.OneLineError(mentions);
        Assert.Equal(namesBefore, Setup.Names(t));
        var check = t.Berth.Run("system", "check");
        Assert.True(check.ExitCode == 0, "system check after a rejected input: " + check);
    }

    /// <summary>No file or directory whose name contains <paramref name="token"/> under /tmp, the test parent or /.</summary>
    public static void AssertNothingEscaped(TestRoot t, string token)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        foreach (var dir in new[] { Path.GetTempPath(), TestRoot.Parent, "/tmp" }.Distinct())
        {
            var found = Directory.EnumerateFileSystemEntries(dir, "*" + token + "*", options)
                .Where(p => !p.StartsWith(t.StateRoot + "/", StringComparison.Ordinal) && !p.StartsWith(t.Work + "/", StringComparison.Ordinal))
                .ToList();
            Assert.True(found.Count == 0, "escaped: " + string.Join(", ", found));
        }
        foreach (var dir in new[] { "/", "/etc", "/abs", "/tmp/tmp" })
        {
            if (Directory.Exists(dir))
                Assert.Empty(Directory.EnumerateFileSystemEntries(dir, "*" + token + "*"));
        }
    }

    /// <summary>A short random token for names the hostile entries create.</summary>
    public static string NewToken() => "berthtok" + Guid.NewGuid().ToString("N")[..8];
}
