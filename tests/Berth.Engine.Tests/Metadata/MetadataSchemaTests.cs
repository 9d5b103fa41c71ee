using Berth.Engine.Metadata;
using Berth.Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Tests.Metadata;

/// <summary>
/// Upgrades of a database written by an earlier schema keep what it holds. The old database is written through
/// Microsoft.Data.Sqlite, a client independent of the store's own.
/// </summary>
public sealed class MetadataSchemaTests
{
    [Fact]
    public void Version4_database_keeps_its_endpoints_and_takes_endpoints_without_a_container()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "berth.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA foreign_keys = ON;");
            Execute(connection, Schema.Version1 + Schema.Version2 + Schema.Version3 + Schema.Version4);
            Execute(connection, """
                INSERT INTO containers VALUES ('c1', 'one', 'sha256:x', '2024-01-01T00:00:00Z', '{}', '{}');
                INSERT INTO networks VALUES ('n1', 'bridge', 'bridge', '2024-01-01T00:00:00Z', '{}');
                INSERT INTO endpoints VALUES ('n1', 'c1', 2886860802, '{"kept":true}');
                PRAGMA user_version = 4;
                """);
        }

        using var store = new MetadataStore(path);
        Assert.Equal("{\"kept\":true}", store.Read(t => Scalar(store, t, "SELECT config FROM endpoints WHERE container_id = 'c1'")));
        // A build step's endpoint names an owner that is no container; the address stays unique per network.
        store.Write(t => Scalar(store, t, "INSERT INTO endpoints VALUES ('n1', 'build-abc', 2886860803, '{}') RETURNING container_id"));
        var duplicate = Assert.Throws<MetadataException>(() =>
            store.Write(t => Scalar(store, t, "INSERT INTO endpoints VALUES ('n1', 'build-def', 2886860803, '{}') RETURNING container_id")));
        Assert.Equal(19, duplicate.ResultCode);
        // A container's endpoints still go with its row.
        store.Write(t => Scalar(store, t, "DELETE FROM containers WHERE id = 'c1' RETURNING id"));
        Assert.Equal("build-abc", store.Read(t => Scalar(store, t, "SELECT group_concat(container_id) FROM endpoints")));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(MetadataStore store, MetadataTransaction t, string sql)
    {
        using var command = store.Command(t, sql);
        return command.ExecuteScalar() as string;
    }
}
