using System.Text;
using Berth.Oci;

namespace Berth.Builder.Dockerfile;

/// <summary>
/// The CSV fields of a <c>RUN --mount</c> value (RFC 4180 quoting, as BuildKit's csvvalue reads them), and the
/// reverse for writing expanded values back.
/// </summary>
internal static class MountFields
{
    public static List<string> Split(string value)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < value.Length && value[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= value.Length) throw BerthException.Invalid($"failed to parse csv mounts: extraneous or missing \" in quoted-field");
                    if (value[i] == '"')
                    {
                        if (i + 1 < value.Length && value[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(value[i++]);
                }
                if (i < value.Length && value[i] != ',')
                    throw BerthException.Invalid($"failed to parse csv mounts: extraneous or missing \" in quoted-field");
            }
            else
            {
                while (i < value.Length && value[i] != ',')
                {
                    if (value[i] == '"') throw BerthException.Invalid("failed to parse csv mounts: bare \" in non-quoted-field");
                    sb.Append(value[i++]);
                }
            }
            fields.Add(sb.ToString());
            if (i >= value.Length) return fields;
            i++;
        }
    }

    public static string Join(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => f.Contains(',') || f.Contains('"') || f.Contains('\n') ? "\"" + f.Replace("\"", "\"\"") + "\"" : f));
}
