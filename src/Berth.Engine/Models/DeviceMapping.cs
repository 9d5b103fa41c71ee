namespace Berth.Engine.Models;

/// <summary>A host device made available in the container (<c>--device</c>).</summary>
public sealed record DeviceMapping(string PathOnHost, string PathInContainer, string CgroupPermissions);
