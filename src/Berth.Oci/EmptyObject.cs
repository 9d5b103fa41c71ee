namespace Berth.Oci;

/// <summary>The <c>{}</c> values of ExposedPorts and Volumes: the spec uses maps as sets.</summary>
public sealed record EmptyObject
{
    public static EmptyObject Instance { get; } = new();
}
