namespace Berth.Engine.Metadata;

/// <summary>A tag (<c>docker.io/library/busybox:latest</c>) or digest reference of an image, and when it was set.</summary>
internal readonly record struct ImageName(string Name, bool IsDigest, DateTimeOffset Added);
