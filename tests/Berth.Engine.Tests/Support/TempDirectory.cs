namespace Berth.Engine.Tests.Support;

/// <summary>A directory of one test's own, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "berth-engine-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
