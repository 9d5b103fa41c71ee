using System.Text;
using Berth.Archive;
using Berth.Oci;

namespace Berth.Builder.Context;

public sealed partial class BuildContext
{
    /// <summary>
    /// The context of <c>berth build -</c>: a tar (plain, gzip, bzip2, xz or zstd, told apart by magic) unpacked
    /// safely into a new directory under <paramref name="tempParent"/>, or, as the docker CLI decides when the
    /// input is no archive, a bare Dockerfile that becomes the only file of an otherwise empty context.
    /// </summary>
    public static async Task<(BuildContext Context, string? DockerfileText)> FromStreamAsync(
        Stream stdin, string tempParent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        Directory.CreateDirectory(tempParent);
        var root = Path.Combine(Path.GetFullPath(tempParent), "build-context-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var (prefix, replay) = await ArchiveStreams.PeekAsync(stdin, ct).ConfigureAwait(false);
            await using (replay.ConfigureAwait(false))
            {
                var format = ArchiveStreams.DetectCompression(prefix);
                if (format == ArchiveFormat.Other)
                {
                    using var buffer = new MemoryStream();
                    await replay.CopyToAsync(buffer, ct).ConfigureAwait(false);
                    var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                    await File.WriteAllTextAsync(Path.Combine(root, "Dockerfile"), text, ct).ConfigureAwait(false);
                    return (new BuildContext(root, IgnorePatterns.Empty, root), text);
                }
                var content = await ArchiveStreams.OpenDecompressedAsync(replay, format, ct).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                    await LayerApplier.ApplyAsync(content, root, new LayerApplyOptions(), ct).ConfigureAwait(false);
            }
            return (new BuildContext(root, ReadIgnore(root, null), root), null);
        }
        catch (Exception e)
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
            if (e is InvalidDataException) throw BerthException.Invalid($"unable to prepare context: {e.Message}", e);
            throw;
        }
    }
}
