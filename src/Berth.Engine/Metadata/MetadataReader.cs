using SQLitePCL;

namespace Berth.Engine.Metadata;

/// <summary>The rows of a <see cref="MetadataCommand"/>'s statement; columns by index, as SQLite stores them.</summary>
internal sealed class MetadataReader : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private bool _done;

    internal MetadataReader(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read()
    {
        if (_done) return false;
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        _done = true;
        return rc == raw.SQLITE_DONE ? false : throw MetadataException.From(_db, rc);
    }

    public bool IsDBNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) =>
        raw.sqlite3_column_text(_statement, column).utf8_to_string()
        ?? throw new InvalidCastException($"column {column} is NULL, not text");

    public long GetInt64(int column) => IsDBNull(column)
        ? throw new InvalidCastException($"column {column} is NULL, not a number")
        : raw.sqlite3_column_int64(_statement, column);

    public object? GetValue(int column) => raw.sqlite3_column_type(_statement, column) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, column),
        raw.SQLITE_TEXT => GetString(column),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, column).ToArray(),
        _ => null,
    };

    // The statement belongs to its command, which finalizes it; reset ends this read early if it did not finish.
    public void Dispose()
    {
        if (!_done) raw.sqlite3_reset(_statement);
        _done = true;
    }
}
