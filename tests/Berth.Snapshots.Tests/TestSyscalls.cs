using System.Runtime.InteropServices;
using Berth.Linux;

namespace Berth.Snapshots.Tests;

/// <summary>Builds overlay-style layer entries by hand, as the layer applier writes them.</summary>
internal static partial class TestSyscalls
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint Geteuid();

    public static void HardLink(string existing, string created) => Links.HardLink(existing, created);

    /// <summary>An overlay whiteout: a character device 0:0 hides the lower entry of the same name.</summary>
    public static void Whiteout(string path) =>
        DeviceNodes.MakeNode(path, UnixFileType.CharacterDevice, UnixFileMode.None, 0, 0);

    /// <summary>An opaque directory: trusted.overlay.opaque=y hides everything below it in lower layers.</summary>
    public static void MakeOpaque(string directory) =>
        ExtendedAttributes.LSet(directory, "trusted.overlay.opaque", "y"u8);
}
