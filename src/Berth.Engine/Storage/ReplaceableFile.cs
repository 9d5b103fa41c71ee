using System.Text;

namespace Berth.Engine.Storage;

/// <summary>
/// Rewrites a file whose loss costs only redoing work (a cache, a record of what was done, a file made again at
/// each start): written beside it under a name of its own and renamed over it, so a reader sees the old content
/// or the new, never part of either, and two writers never share a temporary file. No fsync: after a crash the
/// old file, or none, is as good.
/// </summary>
internal static class ReplaceableFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.tmp-{Berth.Linux.SecureRandom.HexString(4)}";
        try
        {
            Berth.Linux.UnixFile.WriteNew(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static void Write(string path, string content) => Write(path, Encoding.UTF8.GetBytes(content));
}
