using System.Text;
using SQLitePCL;

namespace Berth.Engine.Metadata;

/// <summary>
/// One SQL text run inside a <see cref="MetadataTransaction"/>, with named parameters (<c>$name</c>). The text may
/// hold several statements (a schema migration); each gets the parameters it names. Statements are prepared when
/// the command runs and finalized when it is disposed.
/// </summary>
internal sealed class MetadataCommand : IDisposable
{
    private readonly sqlite3 _db;
    private readonly byte[] _sql;
    private readonly (string Name, object? Value)[] _parameters;
    private sqlite3_stmt? _statement;

    internal MetadataCommand(sqlite3 db, string sql, (string Name, object? Value)[] parameters)
    {
        _db = db;
        _sql = Encoding.UTF8.GetBytes(sql);
        _parameters = parameters;
    }

    /// <summary>Runs every statement to its end; returns the rows the last one changed.</summary>
    public int ExecuteNonQuery()
    {
        var changes = 0;
        ReadOnlySpan<byte> remaining = _sql;
        while (Prepare(ref remaining) is { } statement)
        {
            try
            {
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                }
                if (rc != raw.SQLITE_DONE) throw MetadataException.From(_db, rc);
                changes = raw.sqlite3_changes(_db);
            }
            finally
            {
                statement.Dispose();
            }
        }
        return changes;
    }

    /// <summary>The first column of the first row (long, double, string or byte[]), or null without one.</summary>
    public object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.Read() ? reader.GetValue(0) : null;
    }

    /// <summary>The rows of the (single) statement, read one at a time.</summary>
    public MetadataReader ExecuteReader()
    {
        if (_statement is not null) throw new InvalidOperationException("the command is already being read");
        ReadOnlySpan<byte> remaining = _sql;
        _statement = Prepare(ref remaining) ?? throw new InvalidOperationException("the command holds no statement");
        return new MetadataReader(_db, _statement);
    }

    // The next statement of the text, with its parameters bound; null at the end of the text.
    private sqlite3_stmt? Prepare(ref ReadOnlySpan<byte> sql)
    {
        while (!sql.IsEmpty)
        {
            var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement, out var tail);
            if (rc != raw.SQLITE_OK)
            {
                statement?.Dispose();
                throw MetadataException.From(_db, rc);
            }
            sql = tail;
            // Whitespace or a comment after the last statement prepares to nothing.
            if (statement is null || statement.IsInvalid) continue;
            try
            {
                Bind(statement);
            }
            catch
            {
                statement.Dispose();
                throw;
            }
            return statement;
        }
        return null;
    }

    private void Bind(sqlite3_stmt statement)
    {
        foreach (var (name, value) in _parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, name);
            if (index == 0) continue;
            var rc = value switch
            {
                null => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement, index, real),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                _ => throw new ArgumentException($"parameter {name}: values of type {value.GetType().Name} are not stored"),
            };
            if (rc != raw.SQLITE_OK) throw MetadataException.From(_db, rc);
        }
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }
}
