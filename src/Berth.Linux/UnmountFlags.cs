namespace Berth.Linux;

/// <summary>umount2(2) flags.</summary>
[Flags]
public enum UnmountFlags
{
    None = 0,
    Force = 1,
    Detach = 2,
    Expire = 4,
    NoFollow = 8,
}
