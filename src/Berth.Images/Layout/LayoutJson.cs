using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Images.Layout;

/// <summary>Parses a JSON document from an archive, turning any failure into one invalid-archive line naming it.</summary>
internal static class LayoutJson
{
    public static T Parse<T>(byte[]? json, JsonTypeInfo<T> type, string what)
    {
        if (json is null) throw LayoutPaths.Invalid($"{what} is not a JSON document or is larger than {LayoutScanner.MaxJsonSize} bytes");
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw LayoutPaths.Invalid($"{what} is null");
        }
        catch (JsonException e)
        {
            throw LayoutPaths.Invalid($"{what}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
