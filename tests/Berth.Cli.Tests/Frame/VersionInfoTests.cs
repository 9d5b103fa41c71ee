using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Frame;

public sealed class VersionInfoTests
{
    [Fact]
    public void Version_PrintsClientAndServerSections()
    {
        using var t = new TestRoot();
        var r = t.Berth.Run("version").Ok();
        Assert.StartsWith("Client: Berth\n Version:", r.Stdout);
        Assert.Contains("\nServer: ", r.Stdout);
        Assert.Matches(@"(?m)^ OS/Arch:\s+linux/(amd64|arm64)$", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void VersionFormat_PrintsOnlyTheField()
    {
        using var t = new TestRoot();
        var version = t.Berth.Run("version", "--format", "{{.Client.Version}}").Ok().Stdout;
        Assert.Matches(@"^\d+\.\d+\.\d+\S*\n$", version);
        Assert.Contains(version.Trim(), t.Berth.Run("version").Stdout);
        Assert.Contains(version.Trim(), t.Berth.Run("-v").Ok().Stdout);
    }

    [Fact]
    public void VersionFormatJson_IsOneJsonDocumentWithClientAndServer()
    {
        using var t = new TestRoot();
        using var doc = JsonDocument.Parse(t.Berth.Run("version", "--format", "json").Ok().Stdout);
        Assert.True(doc.RootElement.TryGetProperty("Client", out var client));
        Assert.True(client.TryGetProperty("Version", out _));
        Assert.True(doc.RootElement.TryGetProperty("Server", out _));
    }

    [Fact]
    public void Info_MentionsOverlayAndCountsImages()
    {
        using var t = new TestRoot();
        var empty = t.Berth.Run("info").Ok().Stdout;
        Assert.Contains(" Storage Driver: overlay\n", empty);
        Assert.Contains(" Images: 0\n", empty);
        Assert.Contains(" Containers: 0\n", empty);
        Assert.Contains($" Berth Root Dir: {t.StateRoot}\n", empty);
        Assert.Equal("0\n", t.Berth.Run("info", "--format", "{{.Images}}").Ok().Stdout);

        Setup.ImportBusybox(t, "one:1");
        Setup.ImportBusybox(t, "two:1");
        Assert.Contains(" Images: 2\n", t.Berth.Run("info").Ok().Stdout);
        Assert.Equal("2\n", t.Berth.Run("info", "--format", "{{.Images}}").Ok().Stdout);
        Assert.Equal("2\n", t.Berth.Run("system", "info", "--format", "{{.Images}}").Ok().Stdout);
    }

    [Fact]
    public void InfoFormat_ReportsDriverAndRoot()
    {
        using var t = new TestRoot();
        Assert.Equal($"overlay {t.StateRoot}\n",
            t.Berth.Run("info", "--format", "{{.Driver}} {{.DockerRootDir}}").Ok().Stdout);
    }
}
