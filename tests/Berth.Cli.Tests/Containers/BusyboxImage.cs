using System.Diagnostics;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Containers;

/// <summary>
/// The busybox rootfs of <see cref="BusyboxRootfs"/> with every applet the host's busybox has, /etc/group and
/// a user with supplementary groups: enough for shells, ps, sleep, stty and the id checks of the container tests.
/// </summary>
public static class BusyboxImage
{
    private static readonly Lazy<byte[]> Cached = new(Build);

    public static byte[] Tar() => Cached.Value;

    private static byte[] Build()
    {
        var layer = BusyboxRootfs.Layer();
        foreach (var applet in Applets().Except(BusyboxRootfs.Applets).Except(["busybox"]))
            layer.Symlink("bin/" + applet, "busybox");
        return layer
            .File("etc/group", "root:x:0:\nstaff:x:50:alice\nwheel:x:10:alice\nnogroup:x:65534:\n")
            .File("etc/passwd", BusyboxRootfs.Passwd + "alice:x:1000:1000:Alice:/home/alice:/bin/sh\n")
            .Dir("home")
            .Dir("home/alice", uid: 1000, gid: 1000)
            .Dir("data")
            .File("data/seed.txt", "from the image\n")
            .ToTar();
    }

    private static IEnumerable<string> Applets()
    {
        using var process = Process.Start(new ProcessStartInfo(BusyboxRootfs.BusyboxPath, "--list") { RedirectStandardOutput = true })!;
        var names = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        return names.Where(n => !n.Contains('/'));
    }
}
