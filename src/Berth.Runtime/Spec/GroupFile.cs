namespace Berth.Runtime.Spec;

/// <summary>Reads /etc/group with the same forgiving rules as <see cref="PasswdFile"/>; members are comma separated.</summary>
public static class GroupFile
{
    public static IReadOnlyList<GroupEntry> Parse(string text)
    {
        var entries = new List<GroupEntry>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var f = line.Split(':');
            var members = PasswdFile.Field(f, 3).Split(',', StringSplitOptions.RemoveEmptyEntries);
            entries.Add(new GroupEntry(PasswdFile.Field(f, 0), PasswdFile.Id(PasswdFile.Field(f, 2)), members));
        }
        return entries;
    }
}
