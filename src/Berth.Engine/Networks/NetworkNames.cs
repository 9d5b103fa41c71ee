namespace Berth.Engine.Networks;

/// <summary>Names and texts Docker fixes for networks.</summary>
internal static class NetworkNames
{
    public const string Bridge = "bridge";
    public const string Host = "host";
    public const string None = "none";
    public const string BridgeDriver = "bridge";
    public const string HostDriver = "host";
    public const string NullDriver = "null";
    public const string DefaultIpamDriver = "default";

    public static bool IsPredefined(string name) => name is Bridge or Host or None;
}
