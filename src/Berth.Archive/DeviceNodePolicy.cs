namespace Berth.Archive;

/// <summary>What to do with character and block device entries when the process may not create them.</summary>
public enum DeviceNodePolicy
{
    /// <summary>Leave them out and list them in <see cref="LayerApplyResult.SkippedEntries"/> (rootless Docker does this).</summary>
    Skip,

    /// <summary>Fail the whole layer.</summary>
    Fail,
}
