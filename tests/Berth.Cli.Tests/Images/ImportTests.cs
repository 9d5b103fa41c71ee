using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

public sealed class ImportTests
{
    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public void Import_FileOfAnyCompression_GivesTheSameImageContent(LayerCompression compression)
    {
        using var t = new TestRoot();
        var tar = BusyboxRootfs.WriteTar(t.WorkPath("rootfs.tar"), compression);
        var r = t.Berth.Run("import", tar, "bb:imported").Ok();
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", r.Stdout);
        Assert.Equal("", r.Stderr);
        var diffIds = t.Berth.Run("image", "inspect", "--format", "{{json .RootFS.Layers}}", "bb:imported").Ok().Stdout;
        // The layer is stored by its uncompressed digest whatever the input compression.
        Assert.Equal($"[\"{Sha.Digest(BusyboxRootfs.Layer().ToTar())}\"]\n", diffIds);
        Assert.Equal(["bb:imported"], Setup.Names(t));
        Assert.Equal(0, t.Berth.Run("system", "check").ExitCode);
    }

    [Fact]
    public void Import_FromStdin_CommentSaysImportedFromDash()
    {
        using var t = new TestRoot();
        var tar = LayerBuilder.Compress(BusyboxRootfs.Layer().ToTar(), LayerCompression.Gzip);
        var id = t.Berth.Exec(["import", "-", "stdin:1"], stdin: tar).Ok().Stdout.Trim();
        Assert.Equal(id, t.Berth.Run("images", "-q", "--no-trunc", "stdin:1").Ok().Stdout.Trim());
        Assert.Equal("Imported from -\n", t.Berth.Run("image", "inspect", "--format", "{{.Comment}}", "stdin:1").Ok().Stdout);
    }

    [Fact]
    public void Import_WithoutName_IsDangling()
    {
        using var t = new TestRoot();
        var id = t.Berth.Exec(["import", "-"], stdin: BusyboxRootfs.Layer().ToTar()).Ok().Stdout.Trim();
        Assert.Equal("<none>:<none>\n", t.Berth.Run("images", "--format", "{{.Repository}}:{{.Tag}}").Ok().Stdout);
        Assert.Equal(id + "\n", t.Berth.Run("images", "-q", "--no-trunc", "--filter", "dangling=true").Ok().Stdout);
    }

    [Fact]
    public void ImportChanges_AreReflectedInInspect()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "changed:1",
            "--change", "CMD [\"/bin/sh\", \"-c\", \"echo hi\"]",
            "--change", "ENV A=b",
            "-c", "ENV C=\"d e\"",
            "--change", "WORKDIR /work",
            "--change", "USER nobody",
            "--change", "EXPOSE 80 53/udp",
            "--change", "LABEL k=v other=\"x y\"",
            "--change", "VOLUME /data",
            "--change", "ENTRYPOINT [\"/bin/busybox\"]");
        using var doc = JsonDocument.Parse(t.Berth.Run("image", "inspect", "changed:1").Ok().Stdout);
        var config = doc.RootElement[0].GetProperty("Config");
        Assert.Equal("[\"/bin/sh\",\"-c\",\"echo hi\"]", Compact(config.GetProperty("Cmd")));
        Assert.Equal("[\"A=b\",\"C=d e\"]", Compact(config.GetProperty("Env")));
        Assert.Equal("/work", config.GetProperty("WorkingDir").GetString());
        Assert.Equal("nobody", config.GetProperty("User").GetString());
        Assert.Equal("{\"53/udp\":{},\"80/tcp\":{}}", Compact(config.GetProperty("ExposedPorts")));
        Assert.Equal("{\"k\":\"v\",\"other\":\"x y\"}", Compact(config.GetProperty("Labels")));
        Assert.Equal("{\"/data\":{}}", Compact(config.GetProperty("Volumes")));
        Assert.Equal("[\"/bin/busybox\"]", Compact(config.GetProperty("Entrypoint")));
    }

    [Fact]
    public void ImportChange_ShellFormCmd_RunsUnderShC()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "shell:1", "--change", "CMD echo hi there");
        Assert.Equal("[\"/bin/sh\",\"-c\",\"echo hi there\"]\n",
            t.Berth.Run("image", "inspect", "--format", "{{json .Config.Cmd}}", "shell:1").Ok().Stdout);
    }

    [Fact]
    public void ImportChange_UnknownInstruction_IsRejected()
    {
        using var t = new TestRoot();
        BusyboxRootfs.WriteTar(t.WorkPath("rootfs.tar"));
        var r = t.Berth.Run("import", "--change", "RUN echo", t.WorkPath("rootfs.tar"), "bad:1");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("RUN", r.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }

    [Fact]
    public void ImportMessage_IsTheHistoryComment()
    {
        using var t = new TestRoot();
        Setup.ImportBusybox(t, "msg:1", "--message", "hello from the test");
        var history = t.Berth.Run("history", "--format", "{{.Comment}}", "msg:1").Ok().Stdout;
        Assert.Equal("hello from the test\n", history);
        Assert.Equal("hello from the test\n",
            t.Berth.Run("image", "inspect", "--format", "{{.Comment}}", "msg:1").Ok().Stdout);
    }

    [Fact]
    public void Import_MissingFile_FailsWithoutCreatingAnImage()
    {
        using var t = new TestRoot();
        var r = t.Berth.Run("import", t.WorkPath("nope.tar"), "x:1");
        r.OneLineError("nope.tar");
        Assert.Equal("", t.Berth.Run("images", "-q").Ok().Stdout);
    }

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
