using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Archives;

/// <summary>The archive layouts `load` reads.</summary>
public enum ArchiveFormat
{
    /// <summary>Classic `docker save`: &lt;id&gt;/layer.tar, manifest.json, repositories.</summary>
    DockerClassic,

    /// <summary>Docker 25+ `docker save`: an OCI layout plus manifest.json.</summary>
    Docker25,

    /// <summary>An OCI image layout tar (skopeo's oci-archive).</summary>
    Oci,
}

public static class ArchiveFormats
{
    public static ArchiveTar Write(ArchiveFormat format, params (BuiltImage Image, string[] Tags)[] images) => format switch
    {
        ArchiveFormat.DockerClassic => ImageArchiveBuilder.DockerArchive(images),
        ArchiveFormat.Docker25 => ImageArchiveBuilder.Docker25Archive(images),
        _ => ImageArchiveBuilder.OciArchive(images),
    };
}
