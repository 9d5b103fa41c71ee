using Berth.Oci;

namespace Berth.Engine.Tests;

public sealed class DaemonConfigFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-daemon-config-").FullName;

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "daemon.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Apply_ReadsDockersKeys()
    {
        var path = Write("""
            {"registry-mirrors": ["http://127.0.0.1:5000"], "insecure-registries": ["reg.local:5000"],
             "max-concurrent-downloads": 6, "max-concurrent-uploads": 2, "certs-dir": "/x/certs.d", "unknown": 1}
            """);

        var options = DaemonConfigFile.Apply(new EngineOptions(), path);

        Assert.Equal([new Uri("http://127.0.0.1:5000")], options.Registry.Mirrors);
        Assert.Equal(["reg.local:5000"], options.Registry.InsecureRegistries);
        Assert.Equal("/x/certs.d", options.Registry.CertificatesDirectory);
        Assert.Equal(6, options.MaxConcurrentDownloads);
        Assert.Equal(2, options.MaxConcurrentUploads);
    }

    [Fact]
    public void Apply_MissingFile_ChangesNothing()
    {
        var before = new EngineOptions { Root = "/r" };
        Assert.Same(before, DaemonConfigFile.Apply(before, Path.Combine(_directory, "absent.json")));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"max-concurrent-downloads": 0}""")]
    [InlineData("""{"max-concurrent-uploads": "three"}""")]
    [InlineData("""{"registry-mirrors": ["not a url"]}""")]
    public void Apply_BadSettings_FailWithTheFileNamed(string json)
    {
        var path = Write(json);
        var error = Assert.Throws<BerthException>(() => DaemonConfigFile.Apply(new EngineOptions(), path));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(path, error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
