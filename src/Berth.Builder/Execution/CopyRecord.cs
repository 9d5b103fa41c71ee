namespace Berth.Builder.Execution;

/// <summary>
/// What an earlier COPY left in its committed layer: <see cref="Directory"/> holds that layer's own files, and
/// <see cref="Files"/> gives the content digest of each regular file it wrote, by path in the root filesystem.
/// </summary>
public sealed record CopyRecord(string Directory, IReadOnlyDictionary<string, string> Files);
