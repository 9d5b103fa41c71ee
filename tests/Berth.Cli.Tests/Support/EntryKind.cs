namespace Berth.Cli.Tests.Support;

public enum EntryKind
{
    Directory,
    File,
    Symlink,
    Hardlink,
}
