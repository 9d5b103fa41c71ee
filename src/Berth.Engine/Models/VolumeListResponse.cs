namespace Berth.Engine.Models;

/// <summary>The Docker Engine API's <c>GET /volumes</c> response (VolumeListResponse).</summary>
public sealed record VolumeListResponse(IReadOnlyList<Volume> Volumes, IReadOnlyList<string> Warnings);
