namespace Berth.Cli.Tests.Support;

/// <summary>
/// Mounts an image's layer directories (from <c>image inspect</c>'s GraphDriver data) read-only with overlayfs
/// under the test root; <see cref="TestRoot.Dispose"/> unmounts it.
/// </summary>
public static class OverlayMount
{
    public static string MountImage(TestRoot t, string image)
    {
        var dirs = t.Berth.Run("image", "inspect", "--format",
            "{{.GraphDriver.Data.UpperDir}}:{{.GraphDriver.Data.LowerDir}}", image).Ok().Stdout.Trim();
        var layers = dirs.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(d => d != "<no value>").ToList();
        Assert.NotEmpty(layers);
        foreach (var d in layers)
            Assert.True(d.StartsWith(t.StateRoot + "/", StringComparison.Ordinal) && Directory.Exists(d), $"layer dir {d}");
        // Without an upperdir overlayfs wants two lower layers; an empty bottom layer changes nothing.
        var empty = Path.Combine(t.Dir, "empty-lower-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(empty);
        layers.Add(empty);
        var target = Path.Combine(t.Dir, "merged-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(target);
        Tool.MustRun("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir=" + string.Join(':', layers), target);
        return target;
    }
}
