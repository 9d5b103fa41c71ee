using System.Globalization;
using System.Text.Json;
using Berth.Engine.Json;
using Berth.Engine.Metadata;

namespace Berth.Engine.Volumes;

/// <summary>SQL for <c>volumes</c> and <c>volume_users</c>. Every method runs inside a transaction the caller owns.</summary>
internal sealed class VolumeTable(MetadataStore store)
{
    private const string Columns = "name, driver, created, labels, options, anonymous";

    public IReadOnlyList<VolumeRecord> All(MetadataTransaction t)
    {
        using var command = store.Command(t, $"SELECT {Columns} FROM volumes ORDER BY name");
        return ReadAll(command);
    }

    public VolumeRecord? Get(MetadataTransaction t, string name)
    {
        using var command = store.Command(t, $"SELECT {Columns} FROM volumes WHERE name = $name", ("$name", name));
        return ReadAll(command).FirstOrDefault();
    }

    public void Insert(MetadataTransaction t, VolumeRecord volume)
    {
        using var command = store.Command(t, $"INSERT INTO volumes ({Columns}) VALUES ($name, $driver, $created, $labels, $options, $anonymous)",
            ("$name", volume.Name), ("$driver", volume.Driver), ("$created", ImageTable.FormatTime(volume.Created)),
            ("$labels", ToJson(volume.Labels)), ("$options", ToJson(volume.Options)), ("$anonymous", volume.Anonymous ? 1 : 0));
        command.ExecuteNonQuery();
    }

    public void Delete(MetadataTransaction t, string name)
    {
        using var command = store.Command(t, "DELETE FROM volumes WHERE name = $name", ("$name", name));
        command.ExecuteNonQuery();
    }

    /// <summary>IDs of the containers that mount the volume, sorted so messages are stable.</summary>
    public IReadOnlyList<string> Users(MetadataTransaction t, string name)
    {
        using var command = store.Command(t, "SELECT container_id FROM volume_users WHERE volume = $name ORDER BY container_id", ("$name", name));
        return ReadStrings(command);
    }

    /// <summary>Names of all volumes some container mounts.</summary>
    public IReadOnlySet<string> InUse(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT DISTINCT volume FROM volume_users");
        return ReadStrings(command).ToHashSet(StringComparer.Ordinal);
    }

    public void AddUser(MetadataTransaction t, string name, string containerId)
    {
        using var command = store.Command(t, "INSERT INTO volume_users (volume, container_id) VALUES ($name, $id) ON CONFLICT DO NOTHING",
            ("$name", name), ("$id", containerId));
        command.ExecuteNonQuery();
    }

    public void RemoveUsersOf(MetadataTransaction t, string containerId)
    {
        using var command = store.Command(t, "DELETE FROM volume_users WHERE container_id = $id", ("$id", containerId));
        command.ExecuteNonQuery();
    }

    /// <summary>The anonymous volumes a container mounts, by name.</summary>
    public IReadOnlyList<string> AnonymousOf(MetadataTransaction t, string containerId)
    {
        using var command = store.Command(t, """
            SELECT v.name FROM volume_users u JOIN volumes v ON v.name = u.volume
            WHERE u.container_id = $id AND v.anonymous = 1 ORDER BY v.name
            """, ("$id", containerId));
        return ReadStrings(command);
    }

    public int Count(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT count(*) FROM volumes");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> ReadStrings(MetadataCommand command)
    {
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static List<VolumeRecord> ReadAll(MetadataCommand command)
    {
        using var reader = command.ExecuteReader();
        var volumes = new List<VolumeRecord>();
        while (reader.Read())
        {
            volumes.Add(new VolumeRecord(
                reader.GetString(0),
                reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                FromJson(reader.GetString(3)),
                FromJson(reader.GetString(4)),
                reader.GetInt64(5) != 0));
        }
        return volumes;
    }

    /// <summary>Go marshals maps with sorted keys; sorting on the way in keeps inspect output in that order.</summary>
    public static IReadOnlyDictionary<string, string> Sorted(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (pairs is not null)
            foreach (var (key, value) in pairs) sorted[key] = value;
        return sorted;
    }

    private static string ToJson(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(map), EngineJsonContext.Default.DictionaryStringString);

    private static IReadOnlyDictionary<string, string> FromJson(string json) =>
        Sorted(JsonSerializer.Deserialize(json, EngineJsonContext.Default.DictionaryStringString));
}
