namespace Berth.Runtime.Oci;

/// <summary>Container status values of the OCI runtime-spec "State" section (plus runc's <c>paused</c>).</summary>
public enum RuntimeStatus
{
    Creating,
    Created,
    Running,
    Paused,
    Stopped,
}
