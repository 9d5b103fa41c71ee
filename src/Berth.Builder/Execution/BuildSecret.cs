namespace Berth.Builder.Execution;

/// <summary>
/// A <c>--secret</c>: a file on the host, or a value held in memory (one taken from an environment variable),
/// so that no copy of it is ever written outside the step's own bundle.
/// </summary>
public sealed record BuildSecret(string? File, byte[]? Value);
