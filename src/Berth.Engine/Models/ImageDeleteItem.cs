namespace Berth.Engine.Models;

/// <summary>One line of an image removal (Docker API ImageDeleteResponseItem): exactly one field is set.</summary>
public sealed record ImageDeleteItem(string? Untagged, string? Deleted)
{
    public static ImageDeleteItem UntaggedItem(string name) => new(name, null);
    public static ImageDeleteItem DeletedItem(string id) => new(null, id);
}
