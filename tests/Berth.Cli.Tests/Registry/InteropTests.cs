using Berth.Cli.Tests.Support;
using Berth.Testing;

namespace Berth.Cli.Tests.Registry;

/// <summary>Images crossing between berth, docker and skopeo through the real registry.</summary>
public sealed class InteropTests
{
    private static RegistryProcess StartRegistry()
    {
        if (!RegistryProcess.Available) Assert.Fail($"{RegistryProcess.Binary} is missing: run scripts/setup.sh");
        return new RegistryProcess();
    }

    private static void AssertBusyboxUnpacked(TestRoot t, string name)
    {
        var upper = RegistryCli.Run(t, "image", "inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", name).Ok().Stdout.Trim();
        Assert.Equal(File.ReadAllBytes(BusyboxRootfs.BusyboxPath), File.ReadAllBytes(Path.Combine(upper, "bin", "busybox")));
    }

    [ToolFact("docker")]
    public void Docker_pulls_and_runs_an_image_berth_pushed()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var name = $"{registry.Domain}/berth/bb:v1";
        Setup.ImportBusybox(t, name);
        RegistryCli.Run(t, "push", name).Ok();
        try
        {
            Tool.MustRun("docker", "pull", name);
            var run = Tool.MustRun("docker", "run", "--rm", name, "/bin/echo", "hello from berth");
            Assert.Equal("hello from berth\n", run.Stdout);
        }
        finally
        {
            Tool.Run("docker", "rmi", "-f", name);
        }
    }

    [ToolFact("docker")]
    public void Berth_pulls_an_image_docker_pushed()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var name = $"{registry.Domain}/docker/bb:v1";
        var tar = t.WorkPath("rootfs.tar");
        BusyboxRootfs.WriteTar(tar);
        try
        {
            Tool.MustRun("docker", "import", tar, name);
            Tool.MustRun("docker", "push", name);
        }
        finally
        {
            Tool.Run("docker", "rmi", "-f", name);
        }
        var pull = RegistryCli.Run(t, "pull", name).Ok();
        Assert.Equal(name, pull.Lines[^1]);
        AssertBusyboxUnpacked(t, name);
        RegistryCli.AssertClean(t);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void Berth_pulls_an_image_skopeo_pushed(string compression)
    {
        if (!Tool.Exists("skopeo")) Assert.Fail("skopeo is missing: run scripts/setup.sh");
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var name = $"{registry.Domain}/skopeo/bb:{compression}";
        var image = new ImageArchiveBuilder(11).Layer(BusyboxRootfs.Layer()).Build();
        var archive = ImageArchiveBuilder.DockerArchive((image, ["src:latest"])).WriteTo(t.WorkPath("src.tar"));
        var copy = Tool.MustRun("skopeo", "copy", "--dest-tls-verify=false", "--dest-compress-format", compression,
            "docker-archive:" + archive, "docker://" + name);
        var raw = Tool.MustRun("skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + name).Stdout;
        Assert.Contains(compression == "zstd" ? "tar+zstd" : "gzip", raw);

        RegistryCli.Run(t, "pull", name).Ok();
        // skopeo keeps the config bytes for gzip but rewrites them (as OCI) for zstd: the ID is whatever it pushed.
        var config = System.Text.Json.Nodes.JsonNode.Parse(raw)!["config"]!["digest"]!.GetValue<string>();
        Assert.Equal(config, RegistryCli.ImageId(t, name));
        if (compression == "gzip") Assert.Equal(image.Id, config);
        AssertBusyboxUnpacked(t, name);
        RegistryCli.AssertClean(t);
    }
}
