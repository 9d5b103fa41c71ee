namespace Berth.Images.Layout;

/// <summary>
/// Where a layout is written: a tar stream (archives) or a directory (an OCI layout on disk). Writers add
/// directories and files in the order they should appear, then call <see cref="FinishAsync"/> once.
/// </summary>
internal interface ILayoutSink
{
    Task AddDirectoryAsync(string name, CancellationToken ct);

    /// <summary>Adds a file of exactly <paramref name="length"/> bytes read from <paramref name="content"/>.</summary>
    Task AddFileAsync(string name, Stream content, long length, CancellationToken ct);

    Task FinishAsync(CancellationToken ct);
}
