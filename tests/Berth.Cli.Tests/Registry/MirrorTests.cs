using System.Text.Json.Nodes;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Registry;

/// <summary>registry-mirrors in daemon.json: docker.io pulls go to the mirror, and nothing else is contacted.</summary>
public sealed class MirrorTests
{
    [Fact]
    public void Pull_of_a_docker_hub_image_is_served_by_the_mirror()
    {
        using var mirror = new StaticRegistry();
        var image = new ImageArchiveBuilder(9).Layer(BusyboxRootfs.Layer(), LayerCompression.Gzip).Build();
        var digest = mirror.AddImage("library/busybox", "latest", image);
        using var t = new TestRoot();
        File.WriteAllText(RegistryCli.DaemonJson(t), new JsonObject
        {
            ["registry-mirrors"] = new JsonArray((JsonNode)$"http://{mirror.Domain}"),
        }.ToJsonString());
        var env = RegistryCli.Env(t);
        // Any attempt to reach docker.io (or its auth service) goes to a dead proxy and fails the pull.
        foreach (var proxy in new[] { "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy" })
            env[proxy] = "http://127.0.0.1:9";
        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1";

        var pull = t.Berth.Exec(["pull", "busybox"], env: env);
        Assert.True(pull.ExitCode == 0, $"{pull}\n--- mirror saw\n{string.Join("\n", mirror.Log)}");
        Assert.Contains($"Digest: {digest}", pull.Lines);
        Assert.Contains("Status: Downloaded newer image for busybox:latest", pull.Lines);
        Assert.Equal("docker.io/library/busybox:latest", pull.Lines[^1]);
        Assert.Equal(image.Id, RegistryCli.ImageId(t, "busybox"));
        Assert.Contains(mirror.Log, l => l == "GET /v2/library/busybox/manifests/latest" || l == "HEAD /v2/library/busybox/manifests/latest");
        Assert.Contains(mirror.Log, l => l.Contains(image.Layers[0].BlobDigest));
        RegistryCli.AssertClean(t);
    }
}
