namespace Berth.Runtime.Options;

/// <summary>
/// What <c>--security-opt</c> values amount to. <see cref="SeccompProfile"/> is "unconfined", "builtin" or the
/// path of a profile file the caller reads; null keeps the default profile.
/// </summary>
public sealed record SecurityOptions
{
    public bool? NoNewPrivileges { get; init; }
    public string? SeccompProfile { get; init; }
    /// <summary><c>systempaths=unconfined</c>: no masked or read-only paths in /proc and /sys.</summary>
    public bool UnconfinedSystemPaths { get; init; }
}
