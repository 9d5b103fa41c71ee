using Berth.Archive;
using System.Formats.Tar;
using Berth.Images.Streams;
using Berth.Oci;

namespace Berth.Images.Layout;

/// <summary>
/// Feeds a tar stream (optionally gzip or zstd compressed, as <c>docker load</c> accepts) through a
/// <see cref="LayoutScanner"/> in one forward pass, so stdin works as well as a file.
/// </summary>
internal static class TarLayoutSource
{
    public static async Task ScanAsync(Stream archive, LayoutScanner scanner, CancellationToken ct)
    {
        var head = await LayerSniffer.PeekAsync(archive, ct).ConfigureAwait(false);
        if (head.Length == 0) throw LayoutPaths.Invalid("empty input");
        var compression = LayerSniffer.Detect(head);
        Stream input = new PrefixedReadStream(head, archive, leaveOpen: true);
        if (compression is LayerCompression.Gzip or LayerCompression.Zstd)
            input = await LayerSniffer.DecompressAsync(input, ct).ConfigureAwait(false);
        else if (compression is null)
            throw LayoutPaths.Invalid(head.Length < LayerSniffer.HeadLength ? "unexpected end of archive" : "not a tar file");

        await using (input.ConfigureAwait(false))
        {
            using var reader = new TarReader(input, leaveOpen: true);
            while (await NextAsync(reader, ct).ConfigureAwait(false) is { } entry)
            {
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        await scanner.AddFileAsync(entry.Name, entry.DataStream ?? Stream.Null, entry.Length, ct).ConfigureAwait(false);
                        break;
                    case TarEntryType.HardLink:
                        scanner.AddLink(entry.Name, entry.LinkName);
                        break;
                    case TarEntryType.SymbolicLink:
                        if (!entry.LinkName.StartsWith('/'))
                            scanner.AddLink(entry.Name, ParentOf(entry.Name) + entry.LinkName);
                        break;
                }
            }
        }
    }

    private static string ParentOf(string name)
    {
        var slash = name.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? "" : name[..(slash + 1)];
    }

    private static async Task<TarEntry?> NextAsync(TarReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw LayoutPaths.Invalid("unexpected end of archive", e);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException || LayerSniffer.IsCorruptData(e))
        {
            throw LayoutPaths.Invalid("corrupt tar: " + e.Message.ReplaceLineEndings(" "), e);
        }
    }
}
