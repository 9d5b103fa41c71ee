namespace Berth.Engine.Images;

/// <summary>The archive kinds <c>berth save --format</c> writes.</summary>
public enum ArchiveFormat
{
    DockerArchive,
    OciArchive,
}
