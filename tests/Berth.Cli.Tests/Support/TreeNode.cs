namespace Berth.Cli.Tests.Support;

/// <summary>One path of a filesystem tree as compared: kind (d, f, l), octal mode, owners, content, link.</summary>
public sealed record TreeNode(char Kind, string Mode, int Uid, int Gid, string? ContentSha, string? Link)
{
    public override string ToString() => $"{Kind} {Mode} {Uid}:{Gid} {ContentSha?[..12]} {Link}";
}
