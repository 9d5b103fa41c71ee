using SQLitePCL;

namespace Berth.Engine.Metadata;

/// <summary>
/// The metadata database (<c>&lt;root&gt;/berth.db</c>): SQLite in WAL mode so many short-lived <c>berth</c>
/// processes read concurrently and writers serialize on the database lock. Every change runs in one
/// transaction begun IMMEDIATE, so two writers never interleave a read-modify-write. Within a process the
/// one connection runs one transaction at a time: threads of the same process (parallel build stages) take
/// turns.
/// <para>
/// SQLite is driven through SQLitePCL.raw directly. An ADO.NET provider costs every berth process about a
/// millisecond before its first statement (its static constructor finds the native bundle by reflection, and its
/// connection pool starts a timer thread), and the store needs none of what that buys.
/// </para>
/// </summary>
internal sealed class MetadataStore : IDisposable
{
    private const int SchemaVersion = 5;
    private readonly sqlite3 _db;
    private readonly Lock _gate = new();
    private bool _commitsWaitForDisk = true;

    // The bundled native SQLite is registered once per process, by name rather than through a search by reflection.
    static MetadataStore() => Batteries_V2.Init();

    public MetadataStore(string path)
    {
        var rc = raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE, null);
        if (rc != raw.SQLITE_OK)
        {
            var failure = MetadataException.From(_db, rc);
            _db.Dispose();
            throw failure;
        }
        try
        {
            KeepWriteAheadLogOnClose();
            Execute(_db, "PRAGMA busy_timeout = 60000");
            Execute(_db, "PRAGMA journal_mode = WAL");
            Execute(_db, "PRAGMA synchronous = FULL");
            Execute(_db, "PRAGMA foreign_keys = ON");
            // The log outlives its processes (KeepWriteAheadLogOnClose), and the first connection to open the
            // database after all others closed reads every frame of it back to rebuild its index: with SQLite's
            // default of 1000 pages between checkpoints that was up to 4 MiB, 2 ms of each command. A checkpoint
            // every 64 pages (a few container runs) keeps that read short; the file is cut back to a few hundred
            // KiB after one.
            Execute(_db, "PRAGMA wal_autocheckpoint = 64");
            Execute(_db, "PRAGMA journal_size_limit = 524288");
            Migrate();
        }
        catch
        {
            _db.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction; it commits only if work returns normally. The commit
    /// waits for the disk unless <paramref name="waitForDisk"/> is false: then a crash may lose it (with the
    /// commits after it), never half of it and never one before it. For what a crash makes stale anyway, such as
    /// a container's state, which is written several times on every run.
    /// </summary>
    public T Write<T>(Func<MetadataTransaction, T> work, bool waitForDisk = true)
    {
        using var turn = _gate.EnterScope();
        SyncCommits(waitForDisk);
        using var transaction = MetadataTransaction.Begin(_db, immediate: true);
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    // SQLite takes the setting outside a transaction only; in WAL mode NORMAL syncs at checkpoints, not commits.
    // It is changed only when the next write asks for the other one: each statement is parsed anew, and a
    // monitor, whose writes all go without waiting, would otherwise set it twice for every state it records.
    private void SyncCommits(bool waitForDisk)
    {
        if (_commitsWaitForDisk == waitForDisk) return;
        Execute(_db, waitForDisk ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        _commitsWaitForDisk = waitForDisk;
    }

    public void Write(Action<MetadataTransaction> work, bool waitForDisk = true) =>
        Write<object?>(t => { work(t); return null; }, waitForDisk);

    /// <summary>A consistent snapshot for reads (WAL readers never block writers).</summary>
    public T Read<T>(Func<MetadataTransaction, T> work)
    {
        using var turn = _gate.EnterScope();
        using var transaction = MetadataTransaction.Begin(_db, immediate: false);
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    public MetadataCommand Command(MetadataTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        new(transaction.Connection, sql, parameters);

    /// <summary>Runs PRAGMA integrity_check; returns the problems it lists (empty when the database is sound).</summary>
    public IReadOnlyList<string> IntegrityCheck()
    {
        using var command = new MetadataCommand(_db, "PRAGMA integrity_check", []);
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok") problems.Add(line);
        }
        return problems;
    }

    // By default the last connection to close checkpoints the write-ahead log into the database and deletes it,
    // and the next writer creates it anew. With a berth process per command that is every command: three
    // fsyncs as one ends (log, database, directory) and two as the next one's first write recreates the log,
    // which in a `run` sit before the container starts. Left in place, the log is checkpointed when it has
    // grown past the threshold set below, by the commit that crosses it; crash safety is the log's either way.
    private void KeepWriteAheadLogOnClose()
    {
        const int NoCheckpointOnClose = 1006; // SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE
        var rc = raw.sqlite3_db_config(_db, NoCheckpointOnClose, 1, out _);
        if (rc != raw.SQLITE_OK)
            throw new Oci.BerthException(Oci.ErrorKind.Internal, $"configuring the metadata database: {raw.sqlite3_errstr(rc).utf8_to_string()}");
    }

    // The common case (schema current) only reads; the write lock is taken just when a migration is due, and
    // the version is read again under it because another process may have migrated meanwhile.
    private void Migrate()
    {
        if (ReadVersion() == SchemaVersion) return;
        using var transaction = MetadataTransaction.Begin(_db, immediate: true);
        var current = ReadVersion();
        if (current > SchemaVersion)
            throw new Oci.BerthException(Oci.ErrorKind.Unavailable, $"the metadata database was written by a newer berth (schema {current}); upgrade berth");
        if (current < 1)
        {
            using var create = Command(transaction, Schema.Version1);
            create.ExecuteNonQuery();
        }
        if (current < 2)
        {
            using var upgrade = Command(transaction, Schema.Version2);
            upgrade.ExecuteNonQuery();
        }
        if (current < 3)
        {
            using var upgrade = Command(transaction, Schema.Version3);
            upgrade.ExecuteNonQuery();
        }
        if (current < 4)
        {
            using var upgrade = Command(transaction, Schema.Version4);
            upgrade.ExecuteNonQuery();
        }
        if (current < 5)
        {
            using var upgrade = Command(transaction, Schema.Version5);
            upgrade.ExecuteNonQuery();
        }
        using var setVersion = Command(transaction, $"PRAGMA user_version = {SchemaVersion}");
        setVersion.ExecuteNonQuery();
        transaction.Commit();
    }

    private int ReadVersion()
    {
        using var command = new MetadataCommand(_db, "PRAGMA user_version", []);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs SQL without parameters or results on <paramref name="db"/>.</summary>
    internal static void Execute(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_exec(db, sql);
        if (rc != raw.SQLITE_OK) throw MetadataException.From(db, rc);
    }

    public void Dispose() => _db.Dispose();
}
