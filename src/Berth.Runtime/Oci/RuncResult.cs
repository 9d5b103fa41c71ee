using Berth.Runtime.Processes;

namespace Berth.Runtime.Oci;

/// <summary>One runc invocation: how it exited, what it printed, and the error it logged if any.</summary>
internal sealed record RuncResult(ExitStatus Status, string Stdout, string? Error)
{
    public bool Succeeded => Status.Code == 0;

    /// <summary>runc's own error text, or a generic one when runc failed without logging.</summary>
    public string Message(string operation) => Error ?? $"runtime {operation} failed: {Status}";
}
