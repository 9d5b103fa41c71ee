using System.Globalization;
using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Engine.Metadata;

/// <summary>SQL for the build cache (see <see cref="Schema.Version4"/>). Every method runs inside the caller's transaction.</summary>
internal sealed class BuildCacheTable(MetadataStore store)
{
    public BuildCacheRecord? Get(MetadataTransaction t, Digest key)
    {
        using var command = store.Command(t, "SELECT chain_id, blob, created, last_used, size FROM build_cache WHERE key = $key", ("$key", key.ToString()));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(key, reader) : null;
    }

    public bool IsEmpty(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT EXISTS (SELECT 1 FROM build_cache)");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
    }

    public void Put(MetadataTransaction t, BuildCacheRecord record)
    {
        using var command = store.Command(t, """
            INSERT INTO build_cache (key, chain_id, blob, created, last_used, size) VALUES ($key, $chain, $blob, $created, $used, $size)
            ON CONFLICT(key) DO UPDATE SET chain_id = $chain, blob = $blob, created = $created, last_used = $used, size = $size
            """,
            ("$key", record.Key.ToString()), ("$chain", record.ChainId?.ToString()),
            ("$blob", record.Blob is null ? null : JsonSerializer.Serialize(record.Blob, OciJsonContext.Default.Descriptor)),
            ("$created", ImageTable.FormatTime(record.Created)), ("$used", ImageTable.FormatTime(record.LastUsed)), ("$size", record.Blob?.Size ?? 0));
        command.ExecuteNonQuery();
    }

    public void Touch(MetadataTransaction t, Digest key, DateTimeOffset used)
    {
        using var command = store.Command(t, "UPDATE build_cache SET last_used = $used WHERE key = $key", ("$key", key.ToString()), ("$used", ImageTable.FormatTime(used)));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<BuildCacheRecord> All(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT chain_id, blob, created, last_used, size, key FROM build_cache");
        using var reader = command.ExecuteReader();
        var records = new List<BuildCacheRecord>();
        while (reader.Read()) records.Add(Read(Digest.Parse(reader.GetString(5)), reader));
        return records;
    }

    public void Delete(MetadataTransaction t, Digest key)
    {
        using var command = store.Command(t, "DELETE FROM build_cache WHERE key = $key", ("$key", key.ToString()));
        command.ExecuteNonQuery();
    }

    private static BuildCacheRecord Read(Digest key, MetadataReader reader) => new(
        key,
        reader.IsDBNull(0) ? null : Digest.Parse(reader.GetString(0)),
        reader.IsDBNull(1) ? null : JsonSerializer.Deserialize(reader.GetString(1), OciJsonContext.Default.Descriptor),
        DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
}
