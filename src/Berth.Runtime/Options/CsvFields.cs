using System.Text;
using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// One CSV record as Go's encoding/csv reads it, which is how docker splits <c>--mount</c>: commas separate
/// fields, a field that starts with a quote may contain commas and doubled quotes.
/// </summary>
internal static class CsvFields
{
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            var field = new StringBuilder();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw BerthException.Invalid("parse error on line 1: extraneous or missing \" in quoted-field");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    throw BerthException.Invalid("parse error on line 1: extraneous or missing \" in quoted-field");
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"') throw BerthException.Invalid("parse error on line 1: bare \" in non-quoted-field");
                    field.Append(line[i++]);
                }
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }
}
