using System.Formats.Tar;
using Berth.Archive.Copy;
using Berth.Linux;

namespace Berth.Builder.Context;

/// <summary>
/// <c>ADD --chown</c> of a local archive: BuildKit unpacks with the chown user as every entry's owner. The
/// layer unpacker keeps the archive's owners, so the entries are listed first and re-owned after unpacking,
/// each looked up with chroot semantics inside the destination so a symlink the archive planted cannot
/// redirect the chown outside it.
/// </summary>
internal static class ArchiveOwnership
{
    public static async Task<List<string>> ListEntriesAsync(string archive, CancellationToken ct)
    {
        var names = new List<string>();
        var input = File.OpenRead(archive);
        await using (input.ConfigureAwait(false))
        {
            var (prefix, replay) = await ArchiveStreams.PeekAsync(input, ct).ConfigureAwait(false);
            await using (replay.ConfigureAwait(false))
            {
                var content = await ArchiveStreams.OpenDecompressedAsync(replay, ArchiveStreams.DetectCompression(prefix), ct).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    var reader = new TarReader(content, leaveOpen: true);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
                        {
                            var name = GoPath.InsideRoot(entry.Name);
                            if (name.Length > 0) names.Add(name);
                        }
                    }
                }
            }
        }
        return names;
    }

    public static void Chown(string directory, IEnumerable<string> names, uint uid, uint gid)
    {
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var slash = name.LastIndexOf('/');
            var parent = slash < 0 ? "" : RootfsPath.Follow(directory, name[..slash], name);
            var host = RootfsPath.Host(directory, GoPath.Join(parent, name[(slash + 1)..]));
            // Whiteouts and skipped entries leave nothing behind to own.
            if (FileStatus.TryLstat(host, out _, out _)) Ownership.Lchown(host, uid, gid);
        }
    }
}
