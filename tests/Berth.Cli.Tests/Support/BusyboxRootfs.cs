namespace Berth.Cli.Tests.Support;

/// <summary>
/// A tiny runnable rootfs built from the host's static busybox: applet symlinks, /etc/passwd, an empty dir,
/// a setuid file, a hardlink. Deterministic (same bytes on every call on one host).
/// </summary>
public static class BusyboxRootfs
{
    public const string BusyboxPath = "/bin/busybox";

    public static readonly string[] Applets = ["sh", "echo", "ls", "cat", "true", "id", "stat", "env"];

    public const string Passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";

    public static LayerBuilder Layer()
    {
        if (!System.IO.File.Exists(BusyboxPath))
            Assert.Fail($"{BusyboxPath} is missing: run scripts/setup.sh (installs busybox-static)");
        var layer = new LayerBuilder()
            .Dir("bin")
            .File("bin/busybox", System.IO.File.ReadAllBytes(BusyboxPath), 0x1ED);
        foreach (var applet in Applets)
            layer.Symlink("bin/" + applet, "busybox");
        return layer
            .Dir("etc")
            .File("etc/passwd", Passwd)
            .Dir("empty", 0x1C0 /* 0700 */)
            .Dir("tmp", 0x3FF /* 1777 */)
            .File("usr/bin/suid", "#!/bin/sh\necho suid\n", 0x9ED /* 4755 */)
            .Hardlink("usr/bin/suid-link", "usr/bin/suid");
    }

    /// <summary>Writes the rootfs tar, optionally compressed, to <paramref name="path"/>.</summary>
    public static string WriteTar(string path, LayerCompression compression = LayerCompression.None)
    {
        System.IO.File.WriteAllBytes(path, LayerBuilder.Compress(Layer().ToTar(), compression));
        return path;
    }
}
