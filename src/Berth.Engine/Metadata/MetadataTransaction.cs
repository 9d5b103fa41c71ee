using SQLitePCL;

namespace Berth.Engine.Metadata;

/// <summary>
/// A transaction of the metadata database's connection; the tables run their statements in it through
/// <see cref="MetadataStore.Command"/>. Disposed without <see cref="Commit"/>, it rolls back.
/// </summary>
internal sealed class MetadataTransaction : IDisposable
{
    private readonly sqlite3 _db;
    private bool _finished;

    private MetadataTransaction(sqlite3 db) => _db = db;

    /// <summary>
    /// BEGIN IMMEDIATE takes the write lock up front, so a transaction that reads then writes cannot fail half-way
    /// with SQLITE_BUSY; BEGIN (deferred) is for reads, which in WAL mode never block a writer.
    /// </summary>
    internal static MetadataTransaction Begin(sqlite3 db, bool immediate)
    {
        MetadataStore.Execute(db, immediate ? "BEGIN IMMEDIATE" : "BEGIN");
        return new MetadataTransaction(db);
    }

    internal sqlite3 Connection => _finished ? throw new InvalidOperationException("the transaction has ended") : _db;

    public void Commit()
    {
        MetadataStore.Execute(Connection, "COMMIT");
        _finished = true;
    }

    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        // An error such as SQLITE_FULL may have rolled the transaction back already.
        if (raw.sqlite3_get_autocommit(_db) == 0) raw.sqlite3_exec(_db, "ROLLBACK");
    }
}
