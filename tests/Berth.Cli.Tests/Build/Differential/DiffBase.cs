using Berth.Cli.Tests.Containers;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// The one base image both engines build on, <see cref="Name"/>: the busybox rootfs of <see cref="BusyboxImage"/>
/// (every applet, /etc/passwd and /etc/group with alice and staff) imported into berth, saved as a docker-archive
/// and loaded into docker once per run. Each test then loads the same archive into its own berth root, so both
/// engines start from the same image ID.
/// </summary>
public static class DiffBase
{
    public const string Name = "bbdiff:latest";

    private static readonly Lazy<byte[]> Archive = new(Make);

    /// <summary>Loads the base image into the berth root of <paramref name="t"/>.</summary>
    public static void LoadInto(TestRoot t)
    {
        var path = t.WorkPath("bbdiff.tar");
        File.WriteAllBytes(path, Archive.Value);
        t.Berth.Run("load", "-i", path).Ok();
    }

    private static byte[] Make()
    {
        using var t = new TestRoot();
        var rootfs = t.WorkPath("rootfs.tar");
        File.WriteAllBytes(rootfs, BusyboxImage.Tar());
        t.Berth.Run("import", "--change", "CMD [\"/bin/sh\"]", rootfs, Name).Ok();
        var archive = t.WorkPath("bbdiff.tar");
        t.Berth.Run("save", "-o", archive, Name).Ok();
        Tool.MustRun("docker", "load", "-i", archive);
        var berthId = t.Berth.Run("image", "inspect", "-f", "{{.Id}}", Name).Ok().Stdout.Trim();
        var dockerId = Tool.MustRun("docker", "image", "inspect", "-f", "{{.Id}}", Name).Stdout.Trim();
        Assert.True(berthId == dockerId, $"the base image should have one ID in both engines: berth {berthId}, docker {dockerId}");
        return File.ReadAllBytes(archive);
    }
}
