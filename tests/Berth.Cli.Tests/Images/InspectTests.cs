using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

public sealed class InspectTests
{
    [Fact]
    public void ImageInspect_HasDockersJsonShape()
    {
        using var t = new TestRoot();
        var id = Setup.ImportBusybox(t, "shape:1");
        using var doc = JsonDocument.Parse(t.Berth.Run("image", "inspect", "shape:1").Ok().Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var image = doc.RootElement[0];
        foreach (var key in new[] { "Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Config",
                     "Architecture", "Os", "Size", "GraphDriver", "RootFS", "Metadata" })
            Assert.True(image.TryGetProperty(key, out _), $"missing {key}");
        Assert.Equal(id, image.GetProperty("Id").GetString());
        Assert.Equal("overlay", image.GetProperty("GraphDriver").GetProperty("Name").GetString());
        Assert.Equal("layers", image.GetProperty("RootFS").GetProperty("Type").GetString());
        Assert.Equal("linux", image.GetProperty("Os").GetString());
    }

    [Fact]
    public void ImageInspect_Formats()
    {
        using var t = new TestRoot();
        var id = Setup.ImportBusybox(t, "fmt:1", "--change", "ENV A=1");
        t.Berth.Run("tag", "fmt:1", "fmt:2").Ok();
        Assert.Equal(id + "\n", t.Berth.Run("image", "inspect", "--format", "{{.Id}}", "fmt:1").Ok().Stdout);
        Assert.Equal("[fmt:1 fmt:2]\n", t.Berth.Run("image", "inspect", "-f", "{{.RepoTags}}", "fmt:2").Ok().Stdout);
        var config = t.Berth.Run("image", "inspect", "--format", "{{json .Config}}", "fmt:1").Ok().Stdout;
        Assert.StartsWith("{\"", config);
        Assert.Single(config.Trim().Split('\n'));
        using var doc = JsonDocument.Parse(config);
        Assert.Equal("A=1", doc.RootElement.GetProperty("Env")[0].GetString());
        // `inspect` (any object) finds images too.
        Assert.Equal(id + "\n", t.Berth.Run("inspect", "--format", "{{.Id}}", "fmt:1").Ok().Stdout);
    }

    [Fact]
    public void ImageInspect_SeveralAndMissing()
    {
        using var t = new TestRoot();
        var a = Setup.ImportBusybox(t, "a:1");
        var b = Setup.ImportBusybox(t, "b:1");
        Assert.Equal($"{a}\n{b}\n", t.Berth.Run("image", "inspect", "-f", "{{.Id}}", "a:1", "b:1").Ok().Stdout);
        var r = t.Berth.Run("image", "inspect", "-f", "{{.Id}}", "a:1", "nope");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"{a}\n", r.Stdout);
        Assert.Contains("No such image: nope", r.Stderr);
    }
}
