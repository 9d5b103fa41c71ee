using System.Formats.Tar;
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

    /// <summary>
    /// The same files without /dev, /proc, /sys and without ENV PATH: what BuildKit adds to a base that
    /// lacks them is compared on this one only, so the other cases compare what they are about.
    /// </summary>
    public const string Bare = "bbdiff:bare";

    /// <summary>Docker's default PATH (BuildKit's system.DefaultPathEnv on Linux).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

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
        var bare = t.WorkPath("bare.tar");
        File.WriteAllBytes(bare, LastOfEachPath(BusyboxImage.Tar(), []));
        t.Berth.Run("import", "--change", "CMD [\"/bin/sh\"]", bare, Bare).Ok();
        // Every real base image has these mount points and a PATH.
        var full = t.WorkPath("full.tar");
        File.WriteAllBytes(full, LastOfEachPath(BusyboxImage.Tar(), ["dev", "proc", "sys"]));
        t.Berth.Run("import", "--change", "CMD [\"/bin/sh\"]", "--change", "ENV PATH=" + DefaultPath, full, Name).Ok();
        var archive = t.WorkPath("bbdiff.tar");
        t.Berth.Run("save", "-o", archive, Name, Bare).Ok();
        Tool.MustRun("docker", "load", "-i", archive);
        // Each run imports anew (new created time, new IDs): the tags go when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Tool.Run("docker", "rmi", "-f", Name, Bare);
        foreach (var image in new[] { Name, Bare })
        {
            var berthId = t.Berth.Run("image", "inspect", "-f", "{{.Id}}", image).Ok().Stdout.Trim();
            var dockerId = Tool.MustRun("docker", "image", "inspect", "-f", "{{.Id}}", image).Stdout.Trim();
            Assert.True(berthId == dockerId, $"{image} should have one ID in both engines: berth {berthId}, docker {dockerId}");
        }
        return File.ReadAllBytes(archive);
    }

    /// <summary>
    /// The container tests' rootfs writes /etc/passwd twice (the later one wins when unpacked); docker's layer
    /// store refuses a layer with a path twice, so only the last entry of each path is kept; then
    /// <paramref name="extraDirs"/> are added (mode 0755, root).
    /// </summary>
    private static byte[] LastOfEachPath(byte[] tar, string[] extraDirs)
    {
        var entries = new List<TarEntry>();
        using (var reader = new TarReader(new MemoryStream(tar)))
        {
            while (reader.GetNextEntry(copyData: true) is { } e)
                entries.Add(e);
        }
        var last = entries.Select((e, i) => (e, i)).GroupBy(x => LayerFlattener.Clean(x.e.Name)).ToDictionary(g => g.Key, g => g.Last().i);
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, leaveOpen: true))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                if (last[LayerFlattener.Clean(entries[i].Name)] == i)
                    writer.WriteEntry(entries[i]);
            }
            foreach (var dir in extraDirs)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir + "/") { Mode = (UnixFileMode)0x1ED });
        }
        return output.ToArray();
    }
}
