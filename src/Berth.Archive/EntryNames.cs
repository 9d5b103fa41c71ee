using System.Text;

namespace Berth.Archive;

/// <summary>
/// Lexical rules for entry names. A leading '/' is dropped (Docker's behaviour: absolute names are relative to
/// the layer root), '.' and empty components vanish, and '..' may only climb back out of components the
/// name itself entered: a name that climbs above the root is refused rather than clamped, because no honest
/// layer contains one.
/// </summary>
internal static class EntryNames
{
    // NAME_MAX and PATH_MAX; longer names fail in the kernel anyway, but with a message that hides the entry.
    private const int MaxComponentBytes = 255;
    private const int MaxPathBytes = 4000;
    private const int MaxQuoted = 120;

    /// <summary>The cleaned relative name ("" for the root), or an error naming <paramref name="entry"/>.</summary>
    public static string Clean(string name, string entry, string role = "name")
    {
        if (name.Contains('\0')) throw Unsafe(entry, $"{role} contains a NUL byte");
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) throw Unsafe(entry, $"{role} climbs out of the layer root with '..'");
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            if (Encoding.UTF8.GetByteCount(part) > MaxComponentBytes)
                throw Unsafe(entry, $"{role} has a component longer than {MaxComponentBytes} bytes");
            parts.Add(part);
        }
        var clean = string.Join('/', parts);
        if (Encoding.UTF8.GetByteCount(clean) > MaxPathBytes) throw Unsafe(entry, $"{role} is longer than {MaxPathBytes} bytes");
        return clean;
    }

    /// <summary>Splits a cleaned name into its parent ("" for the root) and last component.</summary>
    public static (string Parent, string Base) Split(string clean)
    {
        var slash = clean.LastIndexOf('/');
        return slash < 0 ? ("", clean) : (clean[..slash], clean[(slash + 1)..]);
    }

    public static string Join(string parent, string child) => parent.Length == 0 ? child : parent + "/" + child;

    /// <summary>A name fit for a one-line message: quoted, control characters escaped, long names shortened.</summary>
    public static string Quote(string name)
    {
        var printable = Printable(name);
        if (printable.Length > MaxQuoted) printable = printable[..(MaxQuoted / 2)] + "..." + printable[^(MaxQuoted / 2)..];
        return "'" + printable + "'";
    }

    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c)) builder.Append($"\\x{(int)c:x2}");
            else builder.Append(c);
        }
        return builder.ToString();
    }

    public static Oci.BerthException Unsafe(string entry, string reason) =>
        Oci.BerthException.Invalid($"unsafe layer entry {Quote(entry)}: {reason}");
}
