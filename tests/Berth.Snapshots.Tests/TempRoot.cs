namespace Berth.Snapshots.Tests;

/// <summary>
/// A temp directory for one test. Disposing unmounts whatever a failed test left mounted below it (deepest
/// first), deletes it, and then asserts that /proc/self/mountinfo shows nothing below it.
/// </summary>
internal sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Path = Directory.CreateTempSubdirectory("berth-snap-").FullName;
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Mount points at or below <paramref name="prefix"/>, as the kernel reports them.</summary>
    public static IReadOnlyList<string> MountsUnder(string prefix) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point == prefix || point.StartsWith(prefix + "/", StringComparison.Ordinal))
            .ToList();

    public void Dispose()
    {
        foreach (var point in MountsUnder(Path).OrderByDescending(p => p.Length))
        {
            try
            {
                Mount.Unmount(point);
            }
            catch (Berth.Oci.BerthException)
            {
                // reported by the assertion below
            }
        }

        var left = MountsUnder(Path);
        if (left.Count == 0) FileTree.Delete(Path);
        Assert.Empty(left);
    }
}
