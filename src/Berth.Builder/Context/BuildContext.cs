using Berth.Oci;

namespace Berth.Builder.Context;

/// <summary>
/// The files a build reads: a directory plus its ignore rules. As with the docker CLI, the Dockerfile may live
/// anywhere (<c>-f</c>); the ignore file is <c>&lt;Dockerfile&gt;.dockerignore</c> beside it when that exists,
/// else <c>.dockerignore</c> at the context root. A context read from stdin is unpacked into a directory this
/// object owns and deletes on <see cref="Dispose"/>.
/// </summary>
public sealed partial class BuildContext : IDisposable
{
    private const string IgnoreFileName = ".dockerignore";
    private readonly string? _ownedDirectory;

    private BuildContext(string root, IgnorePatterns ignore, string? ownedDirectory)
    {
        Root = root;
        Ignore = ignore;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The context directory, absolute, without a trailing slash.</summary>
    public string Root { get; }

    public IgnorePatterns Ignore { get; }

    /// <summary>
    /// A context directory on disk. <paramref name="dockerfilePath"/> is the <c>-f</c> value (null for the
    /// default); relative values are tried against the working directory, then the context, as the CLI does.
    /// </summary>
    public static BuildContext FromDirectory(string directory, string? dockerfilePath)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = Path.GetFullPath(directory);
        if (root.Length > 1) root = root.TrimEnd('/');
        if (!Directory.Exists(root))
        {
            if (File.Exists(root)) throw BerthException.Invalid($"unable to prepare context: context must be a directory: {root}");
            throw BerthException.NotFound($"unable to prepare context: path \"{directory}\" not found");
        }
        // "-f -" reads the Dockerfile from stdin: there is no file beside which an ignore file could sit.
        var dockerfile = dockerfilePath is null or "-" ? null : LocateDockerfile(root, dockerfilePath);
        return new BuildContext(root, ReadIgnore(root, dockerfile), null);
    }

    /// <summary>
    /// The Dockerfile's text: <paramref name="dockerfilePath"/> when given, else <c>Dockerfile</c> and then
    /// <c>dockerfile</c> at the root. The ignore rules never hide it (BuildKit sends it separately).
    /// </summary>
    public string ReadDockerfile(string? dockerfilePath)
    {
        string path;
        // In a context that came as a tar, -f names a file inside it; on disk it is relative to the working directory.
        if (dockerfilePath is not null && _ownedDirectory is not null)
            path = Path.GetFullPath(Path.Combine(Root, GoPath.InsideRoot(dockerfilePath)));
        else if (dockerfilePath is not null) path = LocateDockerfile(Root, dockerfilePath);
        else
        {
            path = Path.Combine(Root, "Dockerfile");
            var lower = Path.Combine(Root, "dockerfile");
            if (!File.Exists(path) && File.Exists(lower)) path = lower;
        }
        var name = dockerfilePath ?? "Dockerfile";
        if (Directory.Exists(path)) throw BerthException.Invalid($"failed to read dockerfile: read {name}: is a directory");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw BerthException.NotFound($"failed to read dockerfile: open {name}: no such file or directory");
        }
    }

    public void Dispose()
    {
        if (_ownedDirectory is null) return;
        try { Directory.Delete(_ownedDirectory, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    private static string LocateDockerfile(string root, string dockerfilePath)
    {
        if (Path.IsPathRooted(dockerfilePath)) return dockerfilePath;
        var fromWorkingDirectory = Path.GetFullPath(dockerfilePath);
        if (File.Exists(fromWorkingDirectory)) return fromWorkingDirectory;
        return Path.GetFullPath(Path.Combine(root, dockerfilePath));
    }

    private static IgnorePatterns ReadIgnore(string root, string? dockerfile)
    {
        if (dockerfile is not null)
        {
            var specific = dockerfile + IgnoreFileName;
            if (File.Exists(specific)) return IgnorePatterns.Parse(File.ReadAllText(specific));
        }
        var general = Path.Combine(root, IgnoreFileName);
        return File.Exists(general) ? IgnorePatterns.Parse(File.ReadAllText(general)) : IgnorePatterns.Empty;
    }
}
