using System.Text;

namespace Berth.Cli.Tests.Support;

/// <summary>What one run of the binary produced.</summary>
public sealed record BerthResult(int ExitCode, byte[] StdoutBytes, string Stderr, string CommandLine)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    /// <summary>Stdout split into lines, without the trailing empty line.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() =>
        $"`{CommandLine}` exited {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    /// <summary>Asserts exit 0 and returns this, so a call reads `berth.Run(...).Ok()`.</summary>
    public BerthResult Ok()
    {
        Assert.True(ExitCode == 0, ToString());
        return this;
    }

    /// <summary>Asserts the exit code and that stderr is exactly one line naming <paramref name="mentions"/>.</summary>
    public BerthResult FailsWith(int exitCode, params string[] mentions)
    {
        Assert.True(ExitCode == exitCode, $"expected exit {exitCode}: {this}");
        foreach (var m in mentions)
            Assert.True(Stderr.Contains(m, StringComparison.OrdinalIgnoreCase), $"stderr should mention '{m}': {this}");
        return this;
    }

    public BerthResult OneLineError(params string[] mentions)
    {
        FailsWith(1, mentions);
        var lines = Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1 && lines[0].Length > 0, $"stderr should be one line: {this}");
        return this;
    }
}
