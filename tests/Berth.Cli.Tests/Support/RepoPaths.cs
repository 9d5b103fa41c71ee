namespace Berth.Cli.Tests.Support;

/// <summary>Locates the repository (the folder holding Berth.sln) and the binary under test.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ApprovedDir => Path.Combine(Root, "tests", "Berth.Cli.Tests", "Approved");

    /// <summary>The berth binary: BERTH_BINARY, else artifacts/berth/berth. Fails (never skips) when missing.</summary>
    public static string Binary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("BERTH_BINARY");
            if (string.IsNullOrEmpty(path))
                path = Path.Combine(Root, "artifacts", "berth", "berth");
            if (!File.Exists(path))
                Assert.Fail($"berth binary not found at {path}: run scripts/setup.sh (or set BERTH_BINARY)");
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Berth.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Berth.sln above {AppContext.BaseDirectory}");
    }
}
