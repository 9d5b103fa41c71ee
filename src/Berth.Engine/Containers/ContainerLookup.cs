using Berth.Engine.Metadata;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// Finds the container a user means, in Docker's order: the full ID, then the name (with or without its leading
/// slash), then a unique ID prefix.
/// </summary>
internal static class ContainerLookup
{
    public static StoredContainer? Find(ContainerTable table, MetadataTransaction t, string input)
    {
        if (input.Length == 0) return null;
        if (input.Length == 64 && table.ById(t, input) is { } byId) return byId;
        var name = input.StartsWith('/') ? input[1..] : input;
        if (table.ByName(t, name) is { } byName) return byName;
        if (!input.All(char.IsAsciiHexDigitLower)) return null;
        var matches = table.ByIdPrefix(t, input);
        if (matches.Count > 1)
            throw BerthException.Invalid($"multiple IDs found with provided prefix: {input}");
        return matches.Count == 1 ? matches[0] : null;
    }

    public static StoredContainer Get(ContainerTable table, MetadataTransaction t, string input) =>
        Find(table, t, input) ?? throw NoSuch(input);

    public static BerthException NoSuch(string input) => BerthException.NotFound($"No such container: {input}");
}
