using System.Formats.Tar;
using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Archives;

/// <summary>What berth saves, docker, skopeo and umoci read; what docker saves, berth loads with the same ID.</summary>
public sealed class InteropTests
{
    [ToolFact("docker")]
    public void DockerLoadsBerthsSave_AndRunsIt()
    {
        using var t = new TestRoot();
        var name = $"berth-cli-test/{Guid.NewGuid():N}:1";
        var image = Setup.LoadStandard(t, 61, name);
        var path = t.WorkPath("saved.tar");
        t.Berth.Run("save", "-o", path, name).Ok();
        try
        {
            var load = Tool.MustRun("docker", "load", "-i", path);
            Assert.Contains($"Loaded image: {name}", load.Stdout);
            Assert.Equal(image.Id, Tool.MustRun("docker", "image", "inspect", "-f", "{{.Id}}", name).Stdout.Trim());
            var run = Tool.MustRun("docker", "run", "--rm", name, "echo", "ok");
            Assert.Equal("ok\n", run.Stdout);
            Assert.Equal("seed 61\n", Tool.MustRun("docker", "run", "--rm", name, "cat", "/data/keep.txt").Stdout);
            Assert.Equal("new.txt\n", Tool.MustRun("docker", "run", "--rm", name, "ls", "/opq").Stdout);
        }
        finally
        {
            Tool.Run("docker", "rmi", "-f", name);
        }
    }

    [ToolFact("docker")]
    public void BerthLoadsDockersSave_WithTheSameId()
    {
        using var t = new TestRoot();
        var name = $"berth-cli-test/{Guid.NewGuid():N}:1";
        var rootfs = BusyboxRootfs.WriteTar(t.WorkPath("rootfs.tar"));
        var id = Tool.MustRun("docker", "import", "--change", "CMD [\"/bin/sh\"]", rootfs, name).Stdout.Trim();
        var path = t.WorkPath("docker-saved.tar");
        try
        {
            Tool.MustRun("docker", "save", "-o", path, name);
        }
        finally
        {
            Tool.Run("docker", "rmi", "-f", name);
        }
        var r = t.Berth.Run("load", "-i", path).Ok();
        Assert.Contains($"Loaded image: {name}", r.Stdout);
        Assert.Equal(id + "\n", t.Berth.Run("images", "-q", "--no-trunc", name).Ok().Stdout);
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
        FsTree.AssertMatches(ExpectedTree.FromLayers([BusyboxRootfs.Layer()]), OverlayMount.MountImage(t, name));
    }

    [ToolFact("skopeo")]
    public void SkopeoReadsBerthsOciArchiveAndDockerArchive()
    {
        using var t = new TestRoot();
        var image = Setup.LoadStandard(t, 62, "sk/opeo:1");
        var oci = t.WorkPath("oci.tar");
        var docker = t.WorkPath("docker.tar");
        t.Berth.Run("save", "--format", "oci-archive", "-o", oci, "sk/opeo:1").Ok();
        t.Berth.Run("save", "-o", docker, "sk/opeo:1").Ok();

        using var doc = JsonDocument.Parse(Tool.MustRun("skopeo", "inspect", "oci-archive:" + oci).Stdout);
        Assert.Equal(image.Layers.Count, doc.RootElement.GetProperty("Layers").GetArrayLength());
        using var config = JsonDocument.Parse(Tool.MustRun("skopeo", "inspect", "--config", "oci-archive:" + oci).Stdout);
        Assert.Equal(image.Layers.Select(l => l.DiffId),
            config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(e => e.GetString()));

        var copied = Path.Combine(t.Work, "copied");
        Tool.MustRun("skopeo", "copy", "docker-archive:" + docker, "oci:" + copied + ":copy");
        Assert.True(File.Exists(Path.Combine(copied, "index.json")));
        using var viaDocker = JsonDocument.Parse(Tool.MustRun("skopeo", "inspect", "--config", "docker-archive:" + docker).Stdout);
        Assert.Equal("amd64", viaDocker.RootElement.GetProperty("architecture").GetString());
    }

    [ToolFact("umoci")]
    public void UmociUnpacksBerthsOciArchive()
    {
        using var t = new TestRoot();
        // umoci 0.4 cannot read zstd layers, so this image has none.
        var image = ImageArchiveBuilder.Standard(63, LayerCompression.None, LayerCompression.Gzip, LayerCompression.Gzip);
        t.Berth.Run("load", "-i", ImageArchiveBuilder.OciArchive((image, ["umoci:1"])).WriteTo(t.WorkPath("in.tar"))).Ok();
        var oci = t.WorkPath("oci.tar");
        t.Berth.Run("save", "--format", "oci-archive", "-o", oci, "umoci:1").Ok();
        var layout = Path.Combine(t.Work, "layout");
        Directory.CreateDirectory(layout);
        TarFile.ExtractToDirectory(oci, layout, overwriteFiles: false);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json")));
        var refName = index.RootElement.GetProperty("manifests")[0].GetProperty("annotations")
            .GetProperty("org.opencontainers.image.ref.name").GetString()!;

        var bundle = Path.Combine(t.Work, "bundle");
        Tool.MustRun("umoci", "unpack", "--image", $"{layout}:{refName}", bundle);
        FsTree.AssertMatches(image.Expected, Path.Combine(bundle, "rootfs"));
    }
}
