namespace Berth.Runtime.Oci;

/// <summary>What the runtime reports for a container (runtime-spec "State"); <see cref="Pid"/> is 0 once stopped.</summary>
public sealed record RuntimeState(string Id, RuntimeStatus Status, int Pid, string Bundle, DateTimeOffset Created);
