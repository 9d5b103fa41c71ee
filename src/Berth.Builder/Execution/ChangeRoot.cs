namespace Berth.Builder.Execution;

/// <summary>
/// The writable root filesystem a change step (COPY, ADD, WORKDIR) edits: <see cref="Rootfs"/>, the merged view
/// every edit goes through, and <see cref="LayerDirectory"/>, the directory that will hold the step's layer (an
/// overlay upper directory), or null when the worker has none. Only a writer that knows what it does may put
/// entries into the layer directory directly: see <see cref="Context.ReusedFiles"/>.
/// </summary>
public sealed record ChangeRoot(string Rootfs, string? LayerDirectory);
