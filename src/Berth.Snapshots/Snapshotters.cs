using Berth.Oci;

namespace Berth.Snapshots;

/// <summary>The snapshotter drivers by name; a plain table, so NativeAOT trimming keeps every driver.</summary>
public static class Snapshotters
{
    /// <summary>Driver names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Drivers { get; } = ["overlay"];

    /// <summary>Opens driver <paramref name="driver"/> over <paramref name="directory"/> (created when missing).</summary>
    public static ISnapshotter Create(string driver, string directory, TimeProvider? time = null) => driver switch
    {
        "overlay" => new OverlaySnapshotter(directory, time),
        _ => throw BerthException.Invalid(
            $"unknown snapshotter driver \"{driver}\" (known: {string.Join(", ", Drivers)})"),
    };
}
