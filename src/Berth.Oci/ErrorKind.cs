namespace Berth.Oci;

/// <summary>
/// The closed set of failure kinds. Each maps once to a CLI exit code and once to an HTTP status, so callers
/// never invent their own codes.
/// </summary>
public enum ErrorKind
{
    Internal,
    NotFound,
    AlreadyExists,
    Conflict,
    InvalidArgument,
    Unavailable,
    PermissionDenied,
}
