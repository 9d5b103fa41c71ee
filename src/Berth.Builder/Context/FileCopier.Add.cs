using System.Net;
using System.Security.Cryptography;
using Berth.Archive;
using Berth.Archive.Copy;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Builder.Context;

public static partial class FileCopier
{
    private const UnixFileMode DownloadMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600

    /// <summary>
    /// ADD of a remote file: downloaded as-is (never unpacked), named after the last segment of the URL path (or
    /// the response's Content-Disposition file name) when <paramref name="destination"/> is a directory, mode
    /// 0600 unless <c>--chmod</c>, modification time from Last-Modified (the epoch without one), verified
    /// against <c>--checksum</c> before it appears in the rootfs.
    /// </summary>
    public static async Task AddUrlAsync(string rootfs, Uri url, string destination, CopyOptions options, HttpClient http,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        var root = RootfsPath.Root(rootfs);
        var expected = ParseChecksum(options.Checksum);
        var chmod = ChmodSpec.Parse(options.Chmod);
        var (uid, gid) = ParentOwner(options);
        var tree = new DestinationTree(root, uid, gid);

        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var kind = response.StatusCode == HttpStatusCode.NotFound ? ErrorKind.NotFound : ErrorKind.Unavailable;
            throw new BerthException(kind, $"failed to load cache key: invalid response status {(int)response.StatusCode}");
        }
        var target = GoPath.InsideRoot(destination);
        var intoDirectory = destination.EndsWith('/') || target.Length == 0 || tree.IsDirectory(tree.Resolve(target));
        var fileTarget = intoDirectory ? GoPath.Join(target, FileName(url, response)) : target;
        var (parent, name) = Split(fileTarget);
        var (parentResolved, _) = tree.EnsureDirectory(parent);
        var final = GoPath.Join(parentResolved, name);
        var temporary = tree.Host(GoPath.Join(parentResolved, $".berth-download-{Guid.NewGuid():N}"));
        try
        {
            Digest actual;
            var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                await using (output.ConfigureAwait(false))
                {
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    }
                    actual = Digest.FromSha256Hash(hash.GetHashAndReset());
                }
            }
            if (expected is { } want && want != actual)
                throw BerthException.Invalid($"digest mismatch for {url}: {actual} (expected: {want})");
            Ownership.Lchown(temporary, uid, gid);
            Permissions.Chmod(temporary, chmod?.Apply(DownloadMode, isDirectory: false) ?? DownloadMode);
            // Without Last-Modified BuildKit stamps the Unix epoch, which keeps the layer reproducible.
            var time = response.Content.Headers.LastModified is { } modified ? Timespec.FromDateTimeOffset(modified) : new Timespec(0, 0);
            FileTimes.LSet(temporary, time, time);
            tree.Clear(final);
            File.Move(temporary, tree.Host(final));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static Digest? ParseChecksum(string? checksum)
    {
        if (checksum is null) return null;
        if (!Digest.TryParse(checksum, out var digest) || digest.Algorithm != Digest.Sha256)
            throw BerthException.Invalid($"invalid checksum digest format: {checksum}");
        return digest;
    }

    /// <summary>
    /// BuildKit's choice: Content-Disposition's file name (unless it ends in '/'), else the URL path's last
    /// segment, made safe (base name only, trimmed; empty, '.', '..' or control characters give "download").
    /// </summary>
    private static string FileName(Uri url, HttpResponseMessage response)
    {
        var disposition = response.Content.Headers.ContentDisposition?.FileNameStar ??
                          response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        if (disposition is { Length: > 0 } && !disposition.EndsWith('/')) return SafeFileName(disposition);
        var path = Uri.UnescapeDataString(url.AbsolutePath);
        var segment = GoPath.Base(path.Length == 0 ? "/" : path);
        return SafeFileName(segment is "." or "/" ? "" : segment);
    }

    private static string SafeFileName(string name)
    {
        name = GoPath.Base(name.Trim()).Trim();
        return name is "" or "." or ".." or "/" || name.Any(char.IsControl) ? "download" : name;
    }

    /// <summary>A tar, plain or compressed (gzip, bzip2, xz, zstd), recognised by its bytes as Docker does.</summary>
    private static async Task<bool> IsArchiveAsync(string file, CancellationToken ct)
    {
        // Opening a fifo would block, and a device is never an archive.
        if (!FileStatus.TryLstat(file, out var status, out _) || status.Type != UnixFileType.RegularFile) return false;
        byte[] prefix;
        var input = File.OpenRead(file);
        await using (input.ConfigureAwait(false))
        {
            prefix = new byte[ArchiveStreams.PeekLength];
            var read = await input.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            prefix = prefix[..read];
        }
        var format = ArchiveStreams.DetectCompression(prefix);
        return format switch
        {
            ArchiveFormat.Tar => true,
            ArchiveFormat.Other => false,
            _ => await ArchiveStreams.IsCompressedTarAsync(file, format, ct).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Unpacks into a directory of the rootfs with the layer unpacker's confinement: entries climbing out with
    /// '..', or through symlinks, fail the whole ADD.
    /// </summary>
    private static async Task ExtractAsync(string archive, string directory, CancellationToken ct)
    {
        var input = File.OpenRead(archive);
        await using (input.ConfigureAwait(false))
        {
            var (prefix, replay) = await ArchiveStreams.PeekAsync(input, ct).ConfigureAwait(false);
            await using (replay.ConfigureAwait(false))
            {
                var content = await ArchiveStreams.OpenDecompressedAsync(replay, ArchiveStreams.DetectCompression(prefix), ct).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    try
                    {
                        await LayerApplier.ApplyAsync(content, directory, new LayerApplyOptions(), ct).ConfigureAwait(false);
                    }
                    catch (InvalidDataException e)
                    {
                        throw BerthException.Invalid($"failed to extract archive: {e.Message}", e);
                    }
                }
            }
        }
    }
}
