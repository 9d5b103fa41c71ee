namespace Berth.Runtime.Spec;

/// <summary>
/// Reads /etc/passwd the way moby/sys/user does: blank lines skipped, fields split on ':', missing fields
/// empty and non-numeric ids read as 0, so a damaged line never fails the whole file.
/// </summary>
public static class PasswdFile
{
    public static IReadOnlyList<PasswdEntry> Parse(string text)
    {
        var entries = new List<PasswdEntry>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var f = line.Split(':');
            entries.Add(new PasswdEntry(Field(f, 0), Id(Field(f, 2)), Id(Field(f, 3)), Field(f, 5), Field(f, 6)));
        }
        return entries;
    }

    internal static string Field(string[] fields, int index) => index < fields.Length ? fields[index] : "";

    internal static int Id(string text) => int.TryParse(text, out var id) ? id : 0;
}
