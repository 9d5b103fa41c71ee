using Berth.Linux;

namespace Berth.Builder.Context;

/// <summary>One entry of a selected source as the copier and the hasher see it ("" for the source itself).</summary>
internal readonly record struct SourceEntry(string RelativePath, string HostPath, FileStatus Status, Timespec ChangeTime);
