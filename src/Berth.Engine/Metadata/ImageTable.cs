using System.Globalization;
using Berth.Oci;

namespace Berth.Engine.Metadata;

/// <summary>SQL for images, names and layers. Every method runs inside a transaction the caller owns.</summary>
internal sealed class ImageTable(MetadataStore store)
{
    public IReadOnlyList<ImageRecord> All(MetadataTransaction t)
    {
        var names = new Dictionary<string, List<ImageName>>();
        using (var command = store.Command(t, "SELECT name, image_id, is_digest, added FROM image_names ORDER BY added, name"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(1);
                if (!names.TryGetValue(id, out var list)) names[id] = list = [];
                list.Add(new ImageName(reader.GetString(0), reader.GetInt64(2) != 0, ParseTime(reader.GetString(3))));
            }
        }
        var images = new List<ImageRecord>();
        using (var command = store.Command(t, "SELECT id, manifest_digest, created, added, size, chain_id FROM images"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                images.Add(new ImageRecord
                {
                    Id = Digest.Parse(id),
                    ManifestDigest = Digest.Parse(reader.GetString(1)),
                    Created = reader.IsDBNull(2) ? null : ParseTime(reader.GetString(2)),
                    Added = ParseTime(reader.GetString(3)),
                    Size = reader.GetInt64(4),
                    ChainId = reader.IsDBNull(5) ? null : Digest.Parse(reader.GetString(5)),
                    Names = names.TryGetValue(id, out var list) ? list : [],
                });
            }
        }
        return images;
    }

    public ImageRecord? Get(MetadataTransaction t, Digest id) => All(t).FirstOrDefault(i => i.Id == id);

    public string? ImageIdOfName(MetadataTransaction t, string name)
    {
        using var command = store.Command(t, "SELECT image_id FROM image_names WHERE name = $name", ("$name", name));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Adds the image if new (an image with the same ID keeps its first record).</summary>
    public void Insert(MetadataTransaction t, ImageRecord image)
    {
        using var command = store.Command(t, """
            INSERT INTO images (id, manifest_digest, created, added, size, chain_id)
            VALUES ($id, $manifest, $created, $added, $size, $chain)
            ON CONFLICT(id) DO NOTHING
            """,
            ("$id", image.Id.ToString()), ("$manifest", image.ManifestDigest.ToString()),
            ("$created", image.Created is { } c ? FormatTime(c) : null), ("$added", FormatTime(image.Added)),
            ("$size", image.Size), ("$chain", image.ChainId?.ToString()));
        command.ExecuteNonQuery();
    }

    /// <summary>Points <paramref name="name"/> at the image, moving it from any other image (as docker tag does).</summary>
    public void SetName(MetadataTransaction t, string name, Digest imageId, bool isDigest, DateTimeOffset added)
    {
        using var command = store.Command(t, """
            INSERT INTO image_names (name, image_id, is_digest, added) VALUES ($name, $id, $digest, $added)
            ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id, added = excluded.added
              WHERE image_names.image_id <> excluded.image_id
            """,
            ("$name", name), ("$id", imageId.ToString()), ("$digest", isDigest ? 1 : 0), ("$added", FormatTime(added)));
        command.ExecuteNonQuery();
    }

    public bool RemoveName(MetadataTransaction t, string name)
    {
        using var command = store.Command(t, "DELETE FROM image_names WHERE name = $name", ("$name", name));
        return command.ExecuteNonQuery() > 0;
    }

    public void Delete(MetadataTransaction t, Digest id)
    {
        using var command = store.Command(t, "DELETE FROM images WHERE id = $id", ("$id", id.ToString()));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<string> ContainersUsing(MetadataTransaction t, Digest id)
    {
        using var command = store.Command(t, "SELECT id FROM containers WHERE image_id = $id", ("$id", id.ToString()));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Each container's ID and recorded status name ("Running", "Exited"…), for counts and sizes.</summary>
    public IReadOnlyList<(string Id, string Status)> ContainerStatuses(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT id, json_extract(state, '$.Status') FROM containers");
        using var reader = command.ExecuteReader();
        var list = new List<(string, string)>();
        while (reader.Read()) list.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        return list;
    }

    public void InsertLayer(MetadataTransaction t, LayerRecord layer)
    {
        using var command = store.Command(t, """
            INSERT INTO layers (chain_id, diff_id, parent_chain_id, size) VALUES ($chain, $diff, $parent, $size)
            ON CONFLICT(chain_id) DO NOTHING
            """,
            ("$chain", layer.ChainId.ToString()), ("$diff", layer.DiffId.ToString()),
            ("$parent", layer.ParentChainId?.ToString()), ("$size", layer.Size));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<LayerRecord> Layers(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT chain_id, diff_id, parent_chain_id, size FROM layers");
        using var reader = command.ExecuteReader();
        var layers = new List<LayerRecord>();
        while (reader.Read())
        {
            layers.Add(new LayerRecord(Digest.Parse(reader.GetString(0)), Digest.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : Digest.Parse(reader.GetString(2)), reader.GetInt64(3)));
        }
        return layers;
    }

    public void DeleteLayer(MetadataTransaction t, Digest chainId)
    {
        using var command = store.Command(t, "DELETE FROM layers WHERE chain_id = $chain", ("$chain", chainId.ToString()));
        command.ExecuteNonQuery();
    }

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
