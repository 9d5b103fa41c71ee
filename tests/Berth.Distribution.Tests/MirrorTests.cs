using System.Text;
using Berth.Distribution.Tests.Fixtures;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Distribution.Tests;

/// <summary>
/// docker.io through <see cref="RegistryOptions.Mirrors"/>. docker.io itself (registry-1.docker.io) is never
/// reached: every client here points <see cref="RegistryClient.DockerHubAuthority"/> at a local registry or a
/// dead 127.0.0.1 port, so nothing leaves this machine.
/// </summary>
public sealed class MirrorTests
{
    private static Exception Skip() => new InvalidOperationException($"SKIPPED: {RegistryProcess.Binary} is not installed (apt-get install docker-registry)");

    /// <summary>A real registry holding <c>library/busybox:latest</c>, as a mirror of docker.io does.</summary>
    private static async Task<(RegistryProcess Registry, TestImage Image)> BusyboxAsync(int seed)
    {
        if (!RegistryProcess.Available) throw Skip();
        var registry = new RegistryProcess();
        var image = TestImage.Create(seed);
        using var client = new RegistryClient(new RegistryOptions());
        await image.PushAsync(client, Reference.Parse($"{registry.Domain}/library/busybox:latest"));
        return (registry, image);
    }

    // A port bound but never listened on: connecting is refused, and no other test can take the port meanwhile
    // (a port found free and closed again can be reused by a parallel test before this one dials it).
    private static readonly List<System.Net.Sockets.Socket> ReservedPorts = [];

    private static string DeadAuthority()
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        lock (ReservedPorts) ReservedPorts.Add(socket);
        return $"127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}";
    }

    private static async Task AssertPullsAsync(RegistryClient client, TestImage image)
    {
        var busybox = Reference.Parse("busybox");
        Assert.Equal(Reference.DefaultDomain, busybox.Domain);
        var manifest = await client.GetManifestAsync(busybox, default);
        Assert.Equal(image.ManifestDigest, manifest.Descriptor.Digest);
        foreach (var blob in image.Blobs)
        {
            await using var stream = await client.OpenBlobAsync(busybox.NameOnly(), blob.Descriptor, 0, default);
            Assert.Equal(blob.Digest, await Digest.ComputeAsync(stream, default));
        }
        Assert.Equal(["latest"], await client.ListTagsAsync(busybox.NameOnly(), default));
    }

    [Fact]
    public async Task Docker_hub_reference_is_served_by_the_mirror()
    {
        var (mirror, image) = await BusyboxAsync(30);
        using var _ = mirror;
        using var client = new RegistryClient(new RegistryOptions { Mirrors = [new Uri($"http://{mirror.Domain}")], MaxAttempts = 1 })
        {
            DockerHubAuthority = DeadAuthority(),
        };
        await AssertPullsAsync(client, image);
    }

    [Fact]
    public async Task Failing_mirrors_fall_back_to_the_next_endpoint()
    {
        var (hub, image) = await BusyboxAsync(31);
        using var _ = hub;
        using var broken = new ScriptedServer((c, _) => ScriptedServer.WriteAsync(c, 500, []));
        var unknown = Encoding.UTF8.GetBytes("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}");
        using var empty = new ScriptedServer((c, _) => ScriptedServer.WriteAsync(c, 404, unknown, "application/json"));
        var (goodMirror, mirrored) = await BusyboxAsync(32);
        using var __ = goodMirror;

        // 500, 404 and a refused connection are each skipped; the registry itself answers.
        using (var client = new RegistryClient(new RegistryOptions
        {
            Mirrors = [new Uri($"http://{broken.Domain}"), new Uri($"http://{empty.Domain}"), new Uri($"http://{DeadAuthority()}")],
            MaxAttempts = 2,
        }) { DockerHubAuthority = hub.Domain })
        {
            await AssertPullsAsync(client, image);
        }
        Assert.Contains(broken.Requests, r => r.Path == "/v2/library/busybox/manifests/latest");
        Assert.Contains(empty.Requests, r => r.Path == "/v2/library/busybox/manifests/latest");

        // A failing mirror before a working one: the working mirror serves, not the registry.
        using (var client = new RegistryClient(new RegistryOptions
        {
            Mirrors = [new Uri($"http://{broken.Domain}"), new Uri($"http://{goodMirror.Domain}")],
            MaxAttempts = 2,
        }) { DockerHubAuthority = hub.Domain })
        {
            await AssertPullsAsync(client, mirrored);
        }
    }

    [Fact]
    public async Task Mirrors_and_registry_all_down_is_unavailable_with_the_registrys_error()
    {
        using var broken = new ScriptedServer((c, _) => ScriptedServer.WriteAsync(c, 503, []));
        var hub = DeadAuthority();
        using var client = new RegistryClient(new RegistryOptions
        {
            Mirrors = [new Uri($"http://{broken.Domain}"), new Uri($"http://{DeadAuthority()}")],
            MaxAttempts = 2,
        }) { DockerHubAuthority = hub };
        var error = await Assert.ThrowsAsync<BerthException>(() => client.GetManifestAsync(Reference.Parse("busybox"), default));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal($"Get \"http://{hub}/v2/\": dial tcp {hub}: connect: connection refused", error.Message);
        Assert.Equal(2, broken.Requests.Count);
    }

    [Fact]
    public async Task Pushes_to_docker_hub_skip_the_mirrors()
    {
        if (!RegistryProcess.Available) throw Skip();
        using var hub = new RegistryProcess();
        using var mirror = new ScriptedServer((c, _) => ScriptedServer.WriteAsync(c, 500, []));
        using var client = new RegistryClient(new RegistryOptions { Mirrors = [new Uri($"http://{mirror.Domain}")] }) { DockerHubAuthority = hub.Domain };
        var image = TestImage.Create(33);
        await image.PushAsync(client, Reference.Parse("example/app:v1"));
        Assert.Empty(mirror.Requests);
        using var direct = new RegistryClient(new RegistryOptions());
        var manifest = await direct.GetManifestAsync(Reference.Parse($"{hub.Domain}/example/app:v1"), default);
        Assert.Equal(image.ManifestDigest, manifest.Descriptor.Digest);
    }
}
