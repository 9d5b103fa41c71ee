namespace Berth.Runtime.Spec;

/// <summary>
/// A seccomp choice: <see cref="Default"/>, <see cref="Unconfined"/> or <see cref="Custom"/> with the text of a
/// profile in Docker's format (defaultAction, archMap or architectures, syscalls with includes/excludes).
/// </summary>
public sealed record SeccompMode(SeccompKind Kind, string? ProfileJson)
{
    public static SeccompMode Default { get; } = new(SeccompKind.Default, null);

    public static SeccompMode Unconfined { get; } = new(SeccompKind.Unconfined, null);

    public static SeccompMode Custom(string profileJson) => new(SeccompKind.Custom, profileJson);
}
