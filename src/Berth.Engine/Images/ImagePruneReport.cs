using Berth.Engine.Models;

namespace Berth.Engine.Images;

/// <summary>What a prune removed (Docker API ImagesPruneResponse).</summary>
public sealed record ImagePruneReport(IReadOnlyList<ImageDeleteItem> ImagesDeleted, long SpaceReclaimed);
