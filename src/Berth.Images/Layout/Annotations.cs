namespace Berth.Images.Layout;

/// <summary>The index annotations that name images in a layout.</summary>
internal static class Annotations
{
    /// <summary>OCI image-spec annotations.md: a tag (<c>latest</c>) or a full reference.</summary>
    public const string RefName = "org.opencontainers.image.ref.name";

    /// <summary>containerd's (and docker 25+'s) full image name, <c>docker.io/library/busybox:latest</c>.</summary>
    public const string ContainerdImageName = "io.containerd.image.name";
}
