using System.Text;

namespace Berth.CommandLine;

/// <summary>
/// One line of CSV as Go's encoding/csv reads and writes it, which is how pflag's StringSlice splits
/// <c>--flag a,"b,c"</c>. Error texts follow encoding/csv's <c>parse error on line 1, column N: ...</c>.
/// </summary>
internal static class CsvRecord
{
    public static IReadOnlyList<string> Read(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var fields = new List<string>();
        int i = 0;
        while (true)
        {
            var field = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw Error(i + 1, "extraneous or missing \" in quoted-field");
                    }

                    if (text[i] != '"')
                    {
                        field.Append(text[i++]);
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (i + 1 == text.Length || text[i + 1] == ',')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        throw Error(i + 2, "extraneous or missing \" in quoted-field");
                    }
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    if (text[i] == '"')
                    {
                        throw Error(i + 1, "bare \" in non-quoted-field");
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return fields;
            }

            i++; // the comma
            if (i == text.Length)
            {
                fields.Add("");
                return fields;
            }
        }
    }

    public static string Write(IReadOnlyList<string> fields) =>
        string.Join(',', fields.Select(f =>
            f.IndexOfAny([',', '"', '\n', '\r']) >= 0 || f.StartsWith(' ') || f.StartsWith('\t')
                ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : f));

    private static FormatException Error(int column, string reason) =>
        new($"parse error on line 1, column {column}: {reason}");
}
