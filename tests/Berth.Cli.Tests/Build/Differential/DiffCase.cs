using System.Text;
using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// One differential build: a context and Dockerfile written into a fresh test root, built by berth and by
/// docker's BuildKit (<c>DOCKER_BUILDKIT=1 /usr/bin/docker build --network=none</c>) with the same flags, both
/// results saved as docker-archives and read back. Dispose removes docker's tag and the test root.
/// </summary>
public sealed class DiffCase : IDisposable
{
    private const string DockerCli = "/usr/bin/docker";
    private readonly TestRoot _root = new();
    private readonly string _tag = $"berth-diff/{Guid.NewGuid():N}:1";
    private string? _dockerOnlyDockerfile;

    public DiffCase()
    {
        try
        {
            Directory.CreateDirectory(Context);
            DiffBase.LoadInto(_root);
        }
        catch
        {
            // A constructor that throws is never disposed.
            _root.Dispose();
            throw;
        }
    }

    public string Context => _root.WorkPath("ctx");

    public TestRoot Root => _root;

    public DiffCase Dockerfile(string text) => File("Dockerfile", text);

    /// <summary>
    /// Gives docker a different Dockerfile (outside the context, via -f): for syntax the daemon's frontend
    /// predates, docker builds the documented equivalent and the filesystems are compared.
    /// </summary>
    public DiffCase DockerfileForDocker(string text)
    {
        _dockerOnlyDockerfile = _root.WorkPath("Dockerfile.docker");
        System.IO.File.WriteAllText(_dockerOnlyDockerfile, text);
        return this;
    }

    public DiffCase File(string path, string text, int mode = 0x1A4) => File(path, Encoding.UTF8.GetBytes(text), mode);

    public DiffCase File(string path, byte[] content, int mode = 0x1A4)
    {
        var full = Path.Combine(Context, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, content);
        System.IO.File.SetUnixFileMode(full, (UnixFileMode)mode);
        return this;
    }

    public DiffCase Dir(string path, int mode = 0x1ED)
    {
        var full = Path.Combine(Context, path);
        Directory.CreateDirectory(full);
        System.IO.File.SetUnixFileMode(full, (UnixFileMode)mode);
        return this;
    }

    public DiffCase Symlink(string path, string target)
    {
        var full = Path.Combine(Context, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.CreateSymbolicLink(full, target);
        return this;
    }

    /// <summary>Builds with both engines; fails with the output of the one that failed (docker's first).</summary>
    public DiffResult Build(params string[] flags)
    {
        var berth = BuildWithBerth(flags);
        var docker = BuildWithDocker(flags);
        Assert.True(docker.ExitCode == 0, $"docker build failed: {docker}");
        Assert.True(berth.ExitCode == 0, $"berth build failed where docker's succeeded: {berth}");

        var berthArchive = _root.WorkPath("berth.tar");
        _root.Berth.Run("save", "-o", berthArchive, _tag).Ok();
        var dockerArchive = _root.WorkPath("docker.tar");
        Tool.MustRun(DockerCli, "save", "-o", dockerArchive, _tag);
        var berthConfig = _root.Berth.Run("image", "inspect", "--format", "{{json .Config}}", _tag).Ok().Stdout;
        var dockerConfig = Tool.MustRun(DockerCli, "image", "inspect", "--format", "{{json .Config}}", _tag).Stdout;
        return new DiffResult(
            SavedImage.Read(berthArchive), SavedImage.Read(dockerArchive),
            JsonDocument.Parse(berthConfig).RootElement.Clone(), JsonDocument.Parse(dockerConfig).RootElement.Clone());
    }

    /// <summary>Builds with both engines where both must refuse; returns (berth, docker) results.</summary>
    public (BerthResult Berth, Tool.Result Docker) BuildBothFail(params string[] flags)
    {
        var berth = BuildWithBerth(flags);
        var docker = BuildWithDocker(flags);
        Assert.True(docker.ExitCode != 0, $"docker should refuse this build: {docker}");
        Assert.True(berth.ExitCode != 0, $"berth should refuse this build as docker does ({docker.Stderr.Trim()}): {berth}");
        return (berth, docker);
    }

    private BerthResult BuildWithBerth(string[] flags) =>
        _root.Berth.Exec(["build", "-q", "-t", _tag, .. flags, Context]);

    private Tool.Result BuildWithDocker(string[] flags)
    {
        var file = _dockerOnlyDockerfile != null ? new[] { "-f", _dockerOnlyDockerfile } : [];
        var psi = new System.Diagnostics.ProcessStartInfo(DockerCli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "build", "--network=none", "-q", "-t", _tag }.Concat(file).Concat(flags).Append(Context))
            psi.ArgumentList.Add(a);
        psi.Environment["DOCKER_BUILDKIT"] = "1";
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("docker build timed out");
        }
        return new Tool.Result(p.ExitCode, output, err.Result);
    }

    public void Dispose()
    {
        try
        {
            Tool.Run(DockerCli, "rmi", "-f", _tag);
        }
        finally
        {
            _root.Dispose();
        }
    }
}
