using System.Text.Json.Nodes;
using Berth.Cli.Tests.Support;
using Berth.Testing;

namespace Berth.Cli.Tests.Registry;

/// <summary>push and pull against the real CNCF registry (plain HTTP on 127.0.0.1): round trips and docker's output lines.</summary>
public sealed class PushPullTests
{
    private static RegistryProcess StartRegistry()
    {
        if (!RegistryProcess.Available) Assert.Fail($"{RegistryProcess.Binary} is missing: run scripts/setup.sh");
        return new RegistryProcess();
    }

    [Fact]
    public void Push_then_pull_by_tag_and_by_digest_gives_the_same_image_and_records_the_repo_digest()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var name = $"{registry.Domain}/test/bb:v1";
        var id = Setup.ImportBusybox(t, name);

        var push = RegistryCli.Run(t, "push", name).Ok();
        Assert.Equal($"The push refers to repository [{registry.Domain}/test/bb]", push.Lines[0]);
        Assert.Contains(push.Lines, l => l.EndsWith(": Pushed", StringComparison.Ordinal));
        var last = push.Lines[^1];
        Assert.Matches(@"^v1: digest: sha256:[0-9a-f]{64} size: \d+$", last);
        var digest = last.Split(' ')[2];

        var again = RegistryCli.Run(t, "push", name).Ok();
        Assert.Contains(again.Lines, l => l.EndsWith(": Layer already exists", StringComparison.Ordinal));
        Assert.DoesNotContain(again.Lines, l => l.EndsWith(": Pushed", StringComparison.Ordinal));
        Assert.Equal(last, again.Lines[^1]);

        RegistryCli.Run(t, "rmi", name).Ok();
        Assert.Empty(Setup.Names(t));

        var pull = RegistryCli.Run(t, "pull", name).Ok();
        Assert.Equal("v1: Pulling from test/bb", pull.Lines[0]);
        Assert.Contains(pull.Lines, l => l.EndsWith(": Pull complete", StringComparison.Ordinal));
        Assert.Contains($"Digest: {digest}", pull.Lines);
        Assert.Contains($"Status: Downloaded newer image for {name}", pull.Lines);
        Assert.Equal(name, pull.Lines[^1]);
        Assert.Equal(id, RegistryCli.ImageId(t, name));
        RegistryCli.AssertClean(t);

        var repoDigest = $"{registry.Domain}/test/bb@{digest}";
        Assert.Equal($"[{repoDigest}]", RegistryCli.Run(t, "image", "inspect", "--format", "{{.RepoDigests}}", name).Ok().Stdout.Trim());
        var listing = RegistryCli.Run(t, "images", "--digests").Ok();
        Assert.Contains(listing.Lines, l => l.StartsWith($"{registry.Domain}/test/bb", StringComparison.Ordinal) && l.Contains(digest));

        var second = RegistryCli.Run(t, "pull", name).Ok();
        Assert.Contains($"Status: Image is up to date for {name}", second.Lines);
        Assert.Equal(name, second.Lines[^1]);

        RegistryCli.Run(t, "rmi", name).Ok();
        var byDigest = RegistryCli.Run(t, "pull", repoDigest).Ok();
        Assert.Equal($"{digest}: Pulling from test/bb", byDigest.Lines[0]);
        Assert.Contains($"Digest: {digest}", byDigest.Lines);
        Assert.Equal(repoDigest, byDigest.Lines[^1]);
        Assert.Equal(id, RegistryCli.ImageId(t, repoDigest));
        RegistryCli.AssertClean(t);
    }

    [Fact]
    public void Pull_without_a_tag_says_it_uses_latest_and_quiet_prints_only_the_reference()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var repo = $"{registry.Domain}/library/thing";
        Setup.ImportBusybox(t, repo + ":latest");
        RegistryCli.Run(t, "push", repo).Ok();
        RegistryCli.Run(t, "rmi", repo).Ok();

        var pull = RegistryCli.Run(t, "pull", repo).Ok();
        Assert.Equal("Using default tag: latest", pull.Lines[0]);
        Assert.Equal("latest: Pulling from library/thing", pull.Lines[1]);
        Assert.Equal(repo + ":latest", pull.Lines[^1]);

        RegistryCli.Run(t, "rmi", repo).Ok();
        var quiet = RegistryCli.Run(t, "pull", "-q", repo).Ok();
        Assert.Equal(repo + ":latest\n", quiet.Stdout);
        Assert.Equal("", quiet.Stderr);
        RegistryCli.AssertClean(t);
    }

    [Fact]
    public void Pushing_to_a_second_repository_mounts_the_layers_from_the_one_they_were_pulled_from()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var first = $"{registry.Domain}/team/one:v1";
        Setup.ImportBusybox(t, first);
        RegistryCli.Run(t, "push", first).Ok();

        using var other = new TestRoot();
        RegistryCli.Run(other, "pull", first).Ok();
        var second = $"{registry.Domain}/team/two:v1";
        RegistryCli.Run(other, "tag", first, second).Ok();
        var push = RegistryCli.Run(other, "push", second).Ok();
        Assert.Contains(push.Lines, l => l.EndsWith(": Mounted from team/one", StringComparison.Ordinal));
        Assert.DoesNotContain(push.Lines, l => l.EndsWith(": Pushed", StringComparison.Ordinal));
        RegistryCli.Run(other, "rmi", second, first).Ok();
        RegistryCli.Run(other, "pull", second).Ok();
        RegistryCli.AssertClean(other);
    }

    [Fact]
    public async Task Uncompressed_layers_are_pushed_gzipped_once_and_pull_back_to_the_same_image()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var name = $"{registry.Domain}/zip/bb:v1";
        var id = Setup.ImportBusybox(t, name);
        var stored = JsonNode.Parse(RegistryCli.Run(t, "image", "inspect", "--format", "{{json .RootFS}}", name).Ok().Stdout)!;
        var diffId = stored["Layers"]![0]!.GetValue<string>();

        RegistryCli.Run(t, "push", name).Ok();
        var manifest = JsonNode.Parse(RegistryCli.Run(t, "manifest", "inspect", name).Ok().Stdout)!;
        var layer = manifest["layers"]![0]!;
        Assert.EndsWith("gzip", layer["mediaType"]!.GetValue<string>());
        Assert.NotEqual(diffId, layer["digest"]!.GetValue<string>());
        using (var http = new HttpClient())
        {
            var blob = await http.GetByteArrayAsync($"http://{registry.Domain}/v2/zip/bb/blobs/{layer["digest"]}");
            Assert.Equal([0x1f, 0x8b], blob[..2]);
            Assert.Equal(layer["size"]!.GetValue<long>(), blob.Length);
        }

        // The compressed digest is remembered: a second push finds the blob without compressing, another repository mounts it.
        Assert.Contains(RegistryCli.Run(t, "push", name).Ok().Lines, l => l.EndsWith(": Layer already exists", StringComparison.Ordinal));
        var copy = $"{registry.Domain}/zip/copy:v1";
        RegistryCli.Run(t, "tag", name, copy).Ok();
        var mounted = RegistryCli.Run(t, "push", copy).Ok();
        Assert.Contains(mounted.Lines, l => l.EndsWith(": Mounted from zip/bb", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(t.StateRoot, "tmp")));

        using var other = new TestRoot();
        RegistryCli.Run(other, "pull", copy).Ok();
        Assert.Equal(id, RegistryCli.ImageId(other, copy));
        Assert.Equal(diffId, JsonNode.Parse(RegistryCli.Run(other, "image", "inspect", "--format", "{{json .RootFS}}", copy).Ok().Stdout)!["Layers"]![0]!.GetValue<string>());
        RegistryCli.Run(other, "run", "--rm", "--network", "none", copy, "/bin/busybox", "true").Ok();
        RegistryCli.AssertClean(other);
    }

    [Fact]
    public void Push_all_tags_and_pull_all_tags()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var repo = $"{registry.Domain}/many/tags";
        var idA = Setup.ImportBusybox(t, repo + ":a");
        RegistryCli.Run(t, "tag", repo + ":a", repo + ":b").Ok();
        var idC = Setup.LoadStandard(t, 7, repo + ":c").Id;

        var push = RegistryCli.Run(t, "push", "-a", repo).Ok();
        foreach (var tag in new[] { "a", "b", "c" })
            Assert.Contains(push.Lines, l => l.StartsWith($"{tag}: digest: sha256:", StringComparison.Ordinal));

        using var other = new TestRoot();
        var pull = RegistryCli.Run(other, "pull", "-a", repo).Ok();
        Assert.Equal(repo, pull.Lines[^1]);
        Assert.Equal([$"{repo}:a", $"{repo}:b", $"{repo}:c"], Setup.Names(other));
        Assert.Equal(idA, RegistryCli.ImageId(other, repo + ":b"));
        Assert.Equal(idC, RegistryCli.ImageId(other, repo + ":c"));
        RegistryCli.AssertClean(other);
    }

    [Fact]
    public void Manifest_inspect_prints_the_manifest_json()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var name = $"{registry.Domain}/test/inspect:v1";
        var id = Setup.ImportBusybox(t, name);
        RegistryCli.Run(t, "push", name).Ok();
        var json = JsonNode.Parse(RegistryCli.Run(t, "manifest", "inspect", name).Ok().Stdout)!;
        Assert.Equal(2, json["schemaVersion"]!.GetValue<int>());
        Assert.Equal(id, json["config"]!["digest"]!.GetValue<string>());
        Assert.Single(json["layers"]!.AsArray());
    }

    [Fact]
    public void A_missing_tag_is_manifest_unknown_and_leaves_nothing()
    {
        using var registry = StartRegistry();
        using var t = new TestRoot();
        var name = $"{registry.Domain}/test/bb:v1";
        Setup.ImportBusybox(t, name);
        RegistryCli.Run(t, "push", name).Ok();
        using var other = new TestRoot();
        RegistryCli.Run(other, "pull", $"{registry.Domain}/test/bb:nope")
            .OneLineError($"manifest for {registry.Domain}/test/bb:nope not found: manifest unknown");
        Assert.Empty(Setup.Names(other));
        RegistryCli.AssertClean(other);
    }

    [Fact]
    public void A_registry_that_is_down_is_connection_refused_and_leaves_nothing()
    {
        using var t = new TestRoot();
        var port = Ports.Free();
        var pull = RegistryCli.Run(t, "pull", $"127.0.0.1:{port}/test/bb:v1");
        pull.OneLineError($"Error: Get \"http://127.0.0.1:{port}/v2/\": dial tcp 127.0.0.1:{port}: connect: connection refused");
        Assert.Empty(Setup.Names(t));
        RegistryCli.AssertClean(t);

        Setup.ImportBusybox(t, $"127.0.0.1:{port}/test/bb:v1");
        RegistryCli.Run(t, "push", $"127.0.0.1:{port}/test/bb:v1").OneLineError("connection refused");
    }
}
