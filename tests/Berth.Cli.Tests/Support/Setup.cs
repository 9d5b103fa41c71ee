namespace Berth.Cli.Tests.Support;

/// <summary>Common arrangements: an imported busybox image, a loaded generated image.</summary>
public static class Setup
{
    /// <summary>Imports the busybox rootfs as <paramref name="name"/> and returns the image ID.</summary>
    public static string ImportBusybox(TestRoot t, string name, params string[] flags)
    {
        var tar = t.WorkPath("rootfs.tar");
        if (!File.Exists(tar))
            BusyboxRootfs.WriteTar(tar);
        var id = t.Berth.Run([.. new[] { "import" }, .. flags, tar, name]).Ok().Stdout.Trim();
        Assert.StartsWith("sha256:", id);
        return id;
    }

    /// <summary>Writes <see cref="ImageArchiveBuilder.Standard"/>(seed) as a docker-archive and loads it.</summary>
    public static BuiltImage LoadStandard(TestRoot t, int seed, params string[] tags)
    {
        var image = ImageArchiveBuilder.Standard(seed);
        var path = ImageArchiveBuilder.DockerArchive((image, tags)).WriteTo(t.WorkPath($"std-{seed}.tar"));
        t.Berth.Run("load", "-i", path).Ok();
        return image;
    }

    /// <summary>The `images` listing as sorted REPO:TAG lines.</summary>
    public static List<string> Names(TestRoot t) =>
        t.Berth.Run("images", "--format", "{{.Repository}}:{{.Tag}}").Ok().Lines.Order(StringComparer.Ordinal).ToList();
}
