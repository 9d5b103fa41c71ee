using Berth.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// Resolves <c>--user</c> against a container's /etc/passwd and /etc/group as docker does (moby/sys/user
/// GetExecUser and GetAdditionalGroups). "user[:group]"; a numeric part is always an id and needs no entry; a
/// name must have one. Without an explicit group, the user's primary gid applies and the groups listing the
/// user become supplementary; <c>--group-add</c> entries (names or ids) are appended.
/// </summary>
public static class UserResolver
{
    private const int MaxId = int.MaxValue;

    /// <summary>Missing files are null: then only numeric ids (and root for an empty spec) resolve.</summary>
    public static ResolvedUser Resolve(string? userSpec, string? passwdText, string? groupText, IReadOnlyList<string> groupAdd)
    {
        var spec = userSpec ?? "";
        var colon = spec.IndexOf(':');
        var userArg = colon < 0 ? spec : spec[..colon];
        var groupArg = colon < 0 ? "" : spec[(colon + 1)..];
        var uidIsNumber = int.TryParse(userArg, out var uidArg);
        var gidIsNumber = int.TryParse(groupArg, out var gidArg);
        var users = passwdText is null ? [] : PasswdFile.Parse(passwdText);
        var groups = groupText is null ? [] : GroupFile.Parse(groupText);

        int uid = 0, gid = 0;
        var home = "/";
        string? matchedName = null;
        var match = users.FirstOrDefault(u => userArg.Length == 0 ? u.Uid == 0 : uidIsNumber ? u.Uid == uidArg : u.Name == userArg);
        if (match is not null)
        {
            (matchedName, uid, gid, home) = (match.Name, match.Uid, match.Gid, match.Home);
        }
        else if (userArg.Length > 0)
        {
            if (!uidIsNumber) throw BerthException.Invalid($"unable to find user {userArg}: no matching entries in passwd file");
            uid = InRange(uidArg);
        }

        var supplementary = new List<uint>();
        if (groupArg.Length > 0)
        {
            var group = groups.FirstOrDefault(g => gidIsNumber ? g.Gid == gidArg : g.Name == groupArg);
            if (group is not null) gid = group.Gid;
            else if (!gidIsNumber) throw BerthException.Invalid($"unable to find group {groupArg}: no matching entries in group file");
            else gid = InRange(gidArg);
        }
        else if (matchedName is not null)
        {
            supplementary.AddRange(groups.Where(g => g.Members.Contains(matchedName)).Select(g => (uint)g.Gid));
        }

        foreach (var added in AdditionalGroups(groupAdd, groups))
            if (!supplementary.Contains(added)) supplementary.Add(added);
        return new ResolvedUser((uint)uid, (uint)gid, supplementary, home.Length == 0 ? "/" : home);
    }

    private static List<uint> AdditionalGroups(IReadOnlyList<string> groupAdd, IReadOnlyList<GroupEntry> groups)
    {
        var result = new List<uint>();
        foreach (var name in groupAdd)
        {
            var group = groups.FirstOrDefault(g => g.Name == name || g.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture) == name);
            uint gid;
            if (group is not null) gid = (uint)group.Gid;
            else if (long.TryParse(name, out var number)) gid = (uint)InRange(number);
            else throw BerthException.Invalid($"unable to find group {name}: no matching entries in group file");
            if (!result.Contains(gid)) result.Add(gid);
        }
        return result;
    }

    private static int InRange(long id) =>
        id is < 0 or > MaxId ? throw BerthException.Invalid($"uids and gids must be in range 0-{MaxId}") : (int)id;
}
