using Berth.Cli.Tests.Support;
using Berth.Testing;

namespace Berth.Cli.Tests.Registry;

/// <summary>An OCI index of linux/amd64 and linux/arm64 (uploaded by the test, not by berth) pulled per platform.</summary>
public sealed class MultiPlatformTests
{
    [Fact]
    public void Pull_picks_the_platform_from_the_index_and_names_a_missing_one()
    {
        if (!RegistryProcess.Available) Assert.Fail($"{RegistryProcess.Binary} is missing: run scripts/setup.sh");
        using var registry = new RegistryProcess();
        var amd64 = new ImageArchiveBuilder(1).Layer(BusyboxRootfs.Layer(), LayerCompression.Gzip).Build();
        var arm64 = RegistryUpload.WithArchitecture(
            new ImageArchiveBuilder(2).Layer(new LayerBuilder().File("arch", "arm64\n"), LayerCompression.Gzip).Build(), "arm64");
        var a = RegistryUpload.PushImage(registry.Domain, "multi/app", "amd64", amd64);
        var b = RegistryUpload.PushImage(registry.Domain, "multi/app", "arm64", arm64);
        var indexDigest = RegistryUpload.PutIndex(registry.Domain, "multi/app", "v1", (a.Digest, a.Size, "amd64"), (b.Digest, b.Size, "arm64"));
        var name = $"{registry.Domain}/multi/app:v1";

        using var t = new TestRoot();
        var pull = RegistryCli.Run(t, "pull", name).Ok();
        Assert.Contains($"Digest: {indexDigest}", pull.Lines);
        Assert.Equal(amd64.Id, RegistryCli.ImageId(t, name));
        Assert.Equal("amd64", RegistryCli.Run(t, "image", "inspect", "--format", "{{.Architecture}}", name).Ok().Stdout.Trim());
        RegistryCli.AssertClean(t);

        using var arm = new TestRoot();
        RegistryCli.Run(arm, "pull", "--platform", "linux/arm64", name).Ok();
        Assert.Equal(arm64.Id, RegistryCli.ImageId(arm, name));
        Assert.Equal("arm64", RegistryCli.Run(arm, "image", "inspect", "--format", "{{.Architecture}}", name).Ok().Stdout.Trim());
        RegistryCli.AssertClean(arm);

        using var none = new TestRoot();
        RegistryCli.Run(none, "pull", "--platform", "linux/s390x", name)
            .OneLineError("no matching manifest for linux/s390x in the manifest list entries");
        Assert.Empty(Setup.Names(none));
        RegistryCli.AssertClean(none);
    }
}
