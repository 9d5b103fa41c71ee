using SQLitePCL;

namespace Berth.Engine.Metadata;

/// <summary>A failure SQLite reported for the metadata database, with its result code.</summary>
internal sealed class MetadataException(int resultCode, int extendedResultCode, string message) : Exception(message)
{
    /// <summary>SQLite's primary result code (SQLITE_CONSTRAINT, SQLITE_FULL, ...).</summary>
    public int ResultCode { get; } = resultCode;

    /// <summary>The extended code (SQLITE_CONSTRAINT_UNIQUE, ...).</summary>
    public int ExtendedResultCode { get; } = extendedResultCode;

    public static MetadataException From(sqlite3 db, int rc)
    {
        var extended = raw.sqlite3_extended_errcode(db);
        var text = raw.sqlite3_errmsg(db).utf8_to_string() ?? raw.sqlite3_errstr(rc).utf8_to_string();
        return new MetadataException(rc & 0xff, extended, $"metadata database: SQLite error {rc}: {text}");
    }
}
