namespace Berth.Engine.Models;

/// <summary>One entry of <c>GET /images/{name}/history</c>; <see cref="Id"/> is <c>&lt;missing&gt;</c> below the top.</summary>
public sealed record ImageHistoryItem(string Id, long Created, string CreatedBy, IReadOnlyList<string>? Tags, long Size, string Comment);
