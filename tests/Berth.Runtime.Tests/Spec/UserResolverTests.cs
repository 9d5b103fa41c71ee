using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class UserResolverTests
{
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin

        app:x:1000:1000:App:/home/app:/bin/sh
        nohome:x:1001:1001::
        broken:x:abc:def
        """;

    private const string Group = """
        root:x:0:
        wheel:x:10:root,app
        app:x:1000:
        video:x:44:app,daemon
        staff:x:50:
        """;

    private static ResolvedUser Resolve(string? spec, params string[] groupAdd) => UserResolver.Resolve(spec, Passwd, Group, groupAdd);

    [Theory]
    [InlineData(null, 0u, 0u, "10", "/root")]
    [InlineData("", 0u, 0u, "10", "/root")]
    [InlineData("root", 0u, 0u, "10", "/root")]
    [InlineData("app", 1000u, 1000u, "10,44", "/home/app")]
    [InlineData("1000", 1000u, 1000u, "10,44", "/home/app")]
    [InlineData("app:staff", 1000u, 50u, "", "/home/app")]
    [InlineData("app:50", 1000u, 50u, "", "/home/app")]
    [InlineData("1000:777", 1000u, 777u, "", "/home/app")]
    [InlineData("4242", 4242u, 0u, "", "/")]
    [InlineData("4242:4343", 4242u, 4343u, "", "/")]
    [InlineData("daemon", 1u, 1u, "44", "/usr/sbin")]
    [InlineData("nohome", 1001u, 1001u, "", "/")]
    public void Resolve_follows_dockers_rules(string? spec, uint uid, uint gid, string groups, string home)
    {
        var user = Resolve(spec);
        Assert.Equal((uid, gid, home), (user.Uid, user.Gid, user.Home));
        Assert.Equal(groups, string.Join(',', user.AdditionalGids));
    }

    [Fact]
    public void An_unknown_user_name_is_refused_with_dockers_message() =>
        Invalid.Throws("unable to find user nobody: no matching entries in passwd file", () => Resolve("nobody"));

    [Fact]
    public void An_unknown_group_name_is_refused_with_dockers_message() =>
        Invalid.Throws("unable to find group nogroup: no matching entries in group file", () => Resolve("app:nogroup"));

    [Fact]
    public void Without_files_only_numeric_ids_and_root_resolve()
    {
        var root = UserResolver.Resolve(null, null, null, []);
        Assert.Equal((0u, 0u, "/"), (root.Uid, root.Gid, root.Home));
        var numeric = UserResolver.Resolve("12:34", null, null, ["56"]);
        Assert.Equal((12u, 34u), (numeric.Uid, numeric.Gid));
        Assert.Equal([56u], numeric.AdditionalGids);
        Invalid.Throws("unable to find user app: no matching entries in passwd file", () => UserResolver.Resolve("app", null, null, []));
    }

    [Fact]
    public void Group_add_appends_names_and_ids_once_each()
    {
        var user = Resolve("app", "staff", "44", "9999", "staff");
        Assert.Equal([10u, 44u, 50u, 9999u], user.AdditionalGids);
    }

    [Fact]
    public void Group_add_with_an_unknown_name_is_refused() =>
        Invalid.Throws("unable to find group audio: no matching entries in group file", () => Resolve("app", "audio"));

    [Fact]
    public void Ids_out_of_range_are_refused() =>
        Invalid.Throws("uids and gids must be in range 0-2147483647", () => Resolve("-1"));

    [Fact]
    public void Passwd_and_group_parsers_tolerate_short_and_damaged_lines()
    {
        var users = PasswdFile.Parse(Passwd);
        Assert.Equal(5, users.Count);
        Assert.Equal(new PasswdEntry("broken", 0, 0, "", ""), users[4]);
        var groups = GroupFile.Parse(Group);
        Assert.Equal(["app", "daemon"], groups[3].Members);
        Assert.Empty(groups[0].Members);
    }
}
