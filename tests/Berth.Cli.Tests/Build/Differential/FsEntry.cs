namespace Berth.Cli.Tests.Build.Differential;

/// <summary>
/// One path of a flattened image filesystem, without mtimes (two builds never agree on them). Hardlinks are
/// recorded as the file they share an inode with: how an engine splits an inode across tar entries is its own
/// business, the content and metadata a container sees is not.
/// </summary>
public sealed record FsEntry(string Type, int Mode, int Uid, int Gid, long Size, string? Sha256, string? LinkTarget)
{
    public override string ToString() =>
        $"{Type} {Convert.ToString(Mode, 8).PadLeft(4, '0')} {Uid}:{Gid} size={Size}" +
        (Sha256 != null ? $" sha256={Sha256[..12]}" : "") + (LinkTarget != null ? $" -> {LinkTarget}" : "");
}
