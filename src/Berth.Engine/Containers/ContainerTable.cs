using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Engine.Metadata;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// SQL for container rows. Every method runs inside a transaction the caller owns. A row this table wrote is read
/// back without parsing its JSON (see <see cref="_written"/>).
/// </summary>
internal sealed class ContainerTable(MetadataStore store)
{
    // The last record this process wrote for each container, with its exact JSON. A run creates a container and
    // starts it in the same process; reading the row back would build the JSON reader's metadata for all of a
    // record's types, which costs milliseconds, only to get the object written moments before. A row whose JSON
    // differs (changed since, or a write rolled back) reads anew. One entry per container, so a long-lived
    // process does not keep every version it ever wrote.
    private readonly ConcurrentDictionary<string, (string Json, ContainerRecord Record)> _written = new(StringComparer.Ordinal);

    public IReadOnlyList<StoredContainer> All(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT id, name, config, state FROM containers ORDER BY created DESC, id");
        return ReadAll(command);
    }

    public StoredContainer? ById(MetadataTransaction t, string id)
    {
        using var command = store.Command(t, "SELECT id, name, config, state FROM containers WHERE id = $id", ("$id", id));
        return ReadAll(command).FirstOrDefault();
    }

    public StoredContainer? ByName(MetadataTransaction t, string name)
    {
        using var command = store.Command(t, "SELECT id, name, config, state FROM containers WHERE name = $name", ("$name", name));
        return ReadAll(command).FirstOrDefault();
    }

    // The holder of a name without reading its row: a row's JSON is the costly part of a lookup.
    private string? IdByName(MetadataTransaction t, string name)
    {
        using var command = store.Command(t, "SELECT id FROM containers WHERE name = $name", ("$name", name));
        return command.ExecuteScalar() as string;
    }

    public IReadOnlyList<StoredContainer> ByIdPrefix(MetadataTransaction t, string prefix)
    {
        // GLOB is case-sensitive and the prefix is checked to be hex, so it needs no escaping.
        using var command = store.Command(t, "SELECT id, name, config, state FROM containers WHERE id GLOB $glob LIMIT 2", ("$glob", prefix + "*"));
        return ReadAll(command);
    }

    /// <summary>Inserts a new container; a taken name is reported with Docker's text.</summary>
    public void Insert(MetadataTransaction t, ContainerRecord record, ContainerState state)
    {
        if (IdByName(t, record.Name) is { } holder)
            throw NameInUse(record.Name, holder);
        using var command = store.Command(t, """
            INSERT INTO containers (id, name, image_id, created, config, state)
            VALUES ($id, $name, $image, $created, $config, $state)
            """,
            ("$id", record.Id), ("$name", record.Name), ("$image", record.ImageId),
            ("$created", ImageTable.FormatTime(record.Created)), ("$config", Remember(record)), ("$state", Serialize(state)));
        command.ExecuteNonQuery();
    }

    public void SetState(MetadataTransaction t, string id, ContainerState state)
    {
        using var command = store.Command(t, "UPDATE containers SET state = $state WHERE id = $id", ("$id", id), ("$state", Serialize(state)));
        if (command.ExecuteNonQuery() == 0) throw BerthException.NotFound($"No such container: {id}");
    }

    public void SetRecord(MetadataTransaction t, ContainerRecord record)
    {
        if (IdByName(t, record.Name) is { } holder && holder != record.Id)
            throw NameInUse(record.Name, holder);
        using var command = store.Command(t, "UPDATE containers SET name = $name, config = $config WHERE id = $id",
            ("$id", record.Id), ("$name", record.Name), ("$config", Remember(record)));
        command.ExecuteNonQuery();
    }

    public bool Delete(MetadataTransaction t, string id)
    {
        using var command = store.Command(t, "DELETE FROM containers WHERE id = $id", ("$id", id));
        _written.TryRemove(id, out _);
        return command.ExecuteNonQuery() > 0;
    }

    public static BerthException NameInUse(string name, string holderId) => BerthException.Conflict(
        $"Conflict. The container name \"/{name}\" is already in use by container \"{holderId}\". You have to remove (or rename) that container to be able to reuse that name.");

    private string Remember(ContainerRecord record)
    {
        var json = Serialize(record);
        _written[record.Id] = (json, record);
        return json;
    }

    private List<StoredContainer> ReadAll(MetadataCommand command)
    {
        var list = new List<StoredContainer>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            var state = ContainerStateReader.Read(reader.GetString(3));
            list.Add(new StoredContainer(id, reader.GetString(1), reader.GetString(2), json => Parse(id, json), state));
        }
        return list;
    }

    private ContainerRecord Parse(string id, string json) =>
        _written.TryGetValue(id, out var known) && known.Json == json
            ? known.Record
            : JsonSerializer.Deserialize(json, ContainerJsonContext.Default.ContainerRecord)!;

    internal static string Serialize(ContainerRecord record) => ContainerRecordWriter.Write(record);

    internal static string Serialize(ContainerState state) => ContainerStateWriter.Write(state);
}
