namespace Berth.Oci;

/// <summary>The one exception type Berth throws for expected failures; <see cref="Kind"/> decides exit codes.</summary>
public sealed class BerthException : Exception
{
    public ErrorKind Kind { get; }

    /// <summary>
    /// The exit code a command line should end with when the failure dictates one (Docker's 126 for a command
    /// that cannot be invoked, 127 for one not found); null to use the kind's.
    /// </summary>
    public int? ExitCode { get; init; }

    public BerthException(ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public static BerthException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static BerthException Invalid(string message, Exception? inner = null) => new(ErrorKind.InvalidArgument, message, inner);
    public static BerthException Conflict(string message) => new(ErrorKind.Conflict, message);
    public static BerthException Exists(string message) => new(ErrorKind.AlreadyExists, message);
}
