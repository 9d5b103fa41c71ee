namespace Berth.Builder.Dockerfile;

/// <summary>HEALTHCHECK NONE or HEALTHCHECK [flags] CMD ...; durations already in nanoseconds.</summary>
public sealed record HealthcheckInstruction : Instruction
{
    public required Berth.Oci.HealthConfig Health { get; init; }
}
