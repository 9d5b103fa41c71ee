using System.Text.Json;
using Berth.Engine.Metadata;

namespace Berth.Engine.Networks;

/// <summary>SQL for network and endpoint rows. Every method runs inside a transaction the caller owns.</summary>
internal sealed class NetworkTable(MetadataStore store)
{
    public IReadOnlyList<NetworkRecord> All(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT config FROM networks ORDER BY created, name");
        return Read(command, r => JsonSerializer.Deserialize(r.GetString(0), NetworkJsonContext.Default.NetworkRecord)!);
    }

    public void Insert(MetadataTransaction t, NetworkRecord record)
    {
        using var command = store.Command(t, "INSERT INTO networks (id, name, driver, created, config) VALUES ($id, $name, $driver, $created, $config)",
            ("$id", record.Id), ("$name", record.Name), ("$driver", record.Driver), ("$created", ImageTable.FormatTime(record.Created)),
            ("$config", JsonSerializer.Serialize(record, NetworkJsonContext.Default.NetworkRecord)));
        command.ExecuteNonQuery();
    }

    /// <summary>Rewrites a network's stored config (the default bridge's address plan, chosen anew when its bridge is made).</summary>
    public void Update(MetadataTransaction t, NetworkRecord record)
    {
        using var command = store.Command(t, "UPDATE networks SET config = $config WHERE id = $id",
            ("$id", record.Id), ("$config", JsonSerializer.Serialize(record, NetworkJsonContext.Default.NetworkRecord)));
        command.ExecuteNonQuery();
    }

    public void Delete(MetadataTransaction t, string id)
    {
        using var command = store.Command(t, "DELETE FROM networks WHERE id = $id", ("$id", id));
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<EndpointRecord> Endpoints(MetadataTransaction t)
    {
        using var command = store.Command(t, "SELECT config FROM endpoints ORDER BY network_id, address");
        return Read(command, ReadEndpoint);
    }

    public IReadOnlyList<EndpointRecord> EndpointsOf(MetadataTransaction t, string containerId)
    {
        using var command = store.Command(t, "SELECT config FROM endpoints WHERE container_id = $id ORDER BY rowid", ("$id", containerId));
        return Read(command, ReadEndpoint);
    }

    public IReadOnlyList<EndpointRecord> EndpointsOn(MetadataTransaction t, string networkId)
    {
        using var command = store.Command(t, "SELECT config FROM endpoints WHERE network_id = $id", ("$id", networkId));
        return Read(command, ReadEndpoint);
    }

    /// <summary>Inserts an endpoint; the table's UNIQUE (network_id, address) makes a double allocation fail, never pass.</summary>
    public void InsertEndpoint(MetadataTransaction t, EndpointRecord endpoint)
    {
        using var command = store.Command(t,
            "INSERT INTO endpoints (network_id, container_id, address, config) VALUES ($network, $container, $address, $config)",
            ("$network", endpoint.NetworkId), ("$container", endpoint.ContainerId), ("$address", (long)endpoint.Address),
            ("$config", JsonSerializer.Serialize(endpoint, NetworkJsonContext.Default.EndpointRecord)));
        command.ExecuteNonQuery();
    }

    public void DeleteEndpoint(MetadataTransaction t, string networkId, string containerId)
    {
        using var command = store.Command(t, "DELETE FROM endpoints WHERE network_id = $network AND container_id = $container",
            ("$network", networkId), ("$container", containerId));
        command.ExecuteNonQuery();
    }

    private static EndpointRecord ReadEndpoint(MetadataReader r) => JsonSerializer.Deserialize(r.GetString(0), NetworkJsonContext.Default.EndpointRecord)!;

    private static List<T> Read<T>(MetadataCommand command, Func<MetadataReader, T> row)
    {
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(row(reader));
        return list;
    }
}
