using Berth.Engine.Metadata;
using Berth.Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Tests.Metadata;

/// <summary>
/// The store's own SQLite layer (commands, readers, transactions): values go in and come out as SQLite stores
/// them, failures carry SQLite's codes and leave nothing half-written, and what it writes reads back the same
/// through an independent ADO.NET client (and the other way round).
/// </summary>
public sealed class MetadataCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly MetadataStore _store;

    public MetadataCommandTests()
    {
        _store = new MetadataStore(DatabasePath);
        _store.Write(t => Run(t, "CREATE TABLE t (k TEXT PRIMARY KEY, i INTEGER, r REAL, b BLOB, n TEXT)"));
    }

    private string DatabasePath => Path.Combine(_dir.Path, "berth.db");

    [Fact]
    public void Parameters_OfEachType_ComeBackAsStored()
    {
        _store.Write(t => Run(t, "INSERT INTO t VALUES ($k, $i, $r, $b, $n)",
            ("$k", "ünïcode ✓"), ("$i", long.MaxValue), ("$r", 0.5), ("$b", new byte[] { 0, 1, 255 }), ("$n", null)));
        _store.Write(t => Run(t, "INSERT INTO t (k, i) VALUES ($k, $i)", ("$k", "int"), ("$i", 7)));
        _store.Write(t => Run(t, "INSERT INTO t (k, i) VALUES ($k, $i)", ("$k", "bool"), ("$i", true)));

        _store.Read(t =>
        {
            using var command = _store.Command(t, "SELECT k, i, r, b, n FROM t WHERE k = $k", ("$k", "ünïcode ✓"));
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal("ünïcode ✓", reader.GetString(0));
            Assert.Equal(long.MaxValue, reader.GetInt64(1));
            Assert.Equal(0.5, reader.GetValue(2));
            Assert.Equal(new byte[] { 0, 1, 255 }, reader.GetValue(3));
            Assert.True(reader.IsDBNull(4));
            Assert.Null(reader.GetValue(4));
            Assert.Throws<InvalidCastException>(() => reader.GetString(4));
            Assert.False(reader.Read());
            Assert.False(reader.Read());
            return 0;
        });
        Assert.Equal(7L, Scalar("SELECT i FROM t WHERE k = 'int'"));
        Assert.Equal(1L, Scalar("SELECT i FROM t WHERE k = 'bool'"));
    }

    [Fact]
    public void AValueOfAnotherType_IsRefused_BeforeAnythingIsWritten()
    {
        Assert.Throws<ArgumentException>(() => _store.Write(t => Run(t, "INSERT INTO t (k) VALUES ($k)", ("$k", DateTime.UnixEpoch))));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void ScalarOfNoRows_IsNull_AndOfANullColumnToo()
    {
        Assert.Null(Scalar("SELECT k FROM t WHERE k = 'absent'"));
        _store.Write(t => Run(t, "INSERT INTO t (k) VALUES ('x')"));
        Assert.Null(Scalar("SELECT n FROM t"));
    }

    [Fact]
    public void SeveralStatements_RunInOrder_WithTheParametersEachNames()
    {
        var changed = _store.Write(t => Run(t, """
            INSERT INTO t (k, i) VALUES ($a, 1);
            INSERT INTO t (k, i) VALUES ($b, 2);
            -- a trailing comment prepares to nothing
            """, ("$a", "a"), ("$b", "b")));

        Assert.Equal(1, changed);
        Assert.Equal("a,b", Scalar("SELECT group_concat(k) FROM (SELECT k FROM t ORDER BY i)"));
    }

    [Fact]
    public void AFailedStatement_CarriesSQLitesCodes_AndRollsTheWholeTransactionBack()
    {
        var failure = Assert.Throws<MetadataException>(() => _store.Write(t =>
        {
            Run(t, "INSERT INTO t (k) VALUES ('first')");
            Run(t, "INSERT INTO t (k) VALUES ('first')");
        }));

        Assert.Equal(19, failure.ResultCode); // SQLITE_CONSTRAINT
        Assert.Equal(1555, failure.ExtendedResultCode); // SQLITE_CONSTRAINT_PRIMARYKEY
        Assert.Contains("UNIQUE constraint failed: t.k", failure.Message);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));
        // The connection is usable afterwards.
        _store.Write(t => Run(t, "INSERT INTO t (k) VALUES ('first')"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void WorkThatThrows_RollsBack()
    {
        Assert.Throws<InvalidOperationException>(() => _store.Write<int>(t =>
        {
            Run(t, "INSERT INTO t (k) VALUES ('gone')");
            throw new InvalidOperationException("no");
        }));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void BadSql_IsAMetadataException()
    {
        var failure = Assert.Throws<MetadataException>(() => _store.Read(t => Run(t, "SELEC nothing")));
        Assert.Equal(1, failure.ResultCode); // SQLITE_ERROR
        Assert.Contains("syntax error", failure.Message);
    }

    [Fact]
    public void AReaderLeftEarly_FreesTheStatement_SoTheTransactionCommits()
    {
        _store.Write(t => Run(t, "INSERT INTO t (k) VALUES ('a'), ('b'), ('c')"));
        _store.Write(t =>
        {
            using (var command = _store.Command(t, "SELECT k FROM t ORDER BY k"))
            using (var reader = command.ExecuteReader())
                Assert.True(reader.Read());
            Run(t, "DELETE FROM t WHERE k = 'a'");
        });
        Assert.Equal(2L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void WhatTheStoreWrites_AnAdoNetClientReads_AndTheOtherWayRound()
    {
        _store.Write(t => Run(t, "INSERT INTO t (k, i, b) VALUES ($k, $i, $b)", ("$k", "from-store"), ("$i", 42), ("$b", new byte[] { 9 })));
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT i, b FROM t WHERE k = 'from-store'";
            using (var reader = read.ExecuteReader())
            {
                Assert.True(reader.Read());
                Assert.Equal(42L, reader.GetInt64(0));
                Assert.Equal(new byte[] { 9 }, (byte[])reader.GetValue(1));
            }
            using var write = connection.CreateCommand();
            write.CommandText = "INSERT INTO t (k, r) VALUES ('from-ado', 1.25)";
            write.ExecuteNonQuery();
        }
        Assert.Equal(1.25, Scalar("SELECT r FROM t WHERE k = 'from-ado'"));
    }

    private int Run(MetadataTransaction t, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = _store.Command(t, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql) => _store.Read(t =>
    {
        using var command = _store.Command(t, sql);
        return command.ExecuteScalar();
    });

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }
}
