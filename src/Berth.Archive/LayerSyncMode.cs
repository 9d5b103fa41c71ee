namespace Berth.Archive;

/// <summary>How much durability <see cref="LayerApplier"/> buys before it returns.</summary>
public enum LayerSyncMode
{
    /// <summary>No syncing: fastest; the caller syncs (or discards the layer after a crash).</summary>
    None,

    /// <summary>One syncfs(2) of the target's filesystem at the end: every file in one call.</summary>
    FileSystem,

    /// <summary>fsync each file as it is written and each directory at the end: slow, for filesystems where syncfs is costly.</summary>
    EachFile,
}
