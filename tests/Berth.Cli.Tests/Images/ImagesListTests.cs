using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Images;

/// <summary>`images` listing, filters and formats, newest first; one row (and one -q line) per name.</summary>
public sealed class ImagesListTests(ImagesListFixture f) : IClassFixture<ImagesListFixture>
{
    private readonly TestRoot _t = f.T;
    private readonly string _old = f.Old, _mid = f.Mid, _new = f.New;

    private string[] Ids(params string[] args) => _t.Berth.Run(["images", "-q", "--no-trunc", .. args]).Ok().Lines;

    [Fact]
    public void Table_HasDockersColumnsNewestFirst()
    {
        var lines = _t.Berth.Run("images").Ok().Lines;
        Assert.Matches(@"^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^(busyother +x|other +new) +" + _new[7..19] + " ", lines[1]);
        Assert.Matches(@"^busybox +mid +" + _mid[7..19] + @" +.* ago +\d", lines[3]);
        Assert.Matches(@"^busybox +old +" + _old[7..19] + " ", lines[4]);
    }

    [Fact]
    public void Quiet_PrintsShortIdsOncePerImage()
    {
        Assert.Equal([_new[7..19], _new[7..19], _mid[7..19], _old[7..19]], _t.Berth.Run("images", "-q").Ok().Lines);
        Assert.Equal([_new, _new, _mid, _old], Ids());
    }

    [Fact]
    public void Digests_AddsTheDigestColumn()
    {
        var lines = _t.Berth.Run("images", "--digests").Ok().Lines;
        Assert.Matches(@"^REPOSITORY +TAG +DIGEST +IMAGE ID +CREATED +SIZE$", lines[0]);
        Assert.Matches(@"^busybox +old +<none> +" + _old[7..19], lines[^1]);
    }

    [Fact]
    public void NoTrunc_ShowsFullIds()
    {
        var lines = _t.Berth.Run("images", "--no-trunc").Ok().Lines;
        Assert.Contains(lines, l => l.Contains(" " + _old + " "));
    }

    [Fact]
    public void Filters_SelectImages()
    {
        Assert.Equal([], Ids("--filter", "dangling=true"));
        Assert.Equal([_new, _new, _mid, _old], Ids("--filter", "dangling=false"));
        Assert.Equal([_new, _mid, _old], Ids("--filter", "reference=busy*"));
        Assert.Equal([_new, _mid, _old], Ids("--filter", "reference=other", "--filter", "reference=busybox"));
        Assert.Equal([_mid, _old], Ids("--filter", "reference=busybox"));
        Assert.Equal([_old], Ids("--filter", "label=k=v"));
        Assert.Equal([_mid, _old], Ids("--filter", "label=k"));
        Assert.Equal([_mid, _old], Ids("--filter", "before=other:new"));
        Assert.Equal([_new, _new, _mid], Ids("--filter", "since=busybox:old"));
        Assert.Equal([_old], Ids("--filter", "before=" + _mid[7..19]));
        Assert.Equal([_mid], Ids("--filter", "since=busybox:old", "--filter", "reference=busybox"));
    }

    [Fact]
    public void UnknownFilter_IsAnError()
    {
        var r = _t.Berth.Run("images", "--filter", "bogus=1");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("invalid filter 'bogus'", r.Stderr);
    }

    [Fact]
    public void Positional_RepositoryAndTag()
    {
        Assert.Equal([_mid, _old], Ids("busybox"));
        Assert.Equal([_mid], Ids("busybox:mid"));
        Assert.Equal([], Ids("busybox:nope"));
    }

    [Fact]
    public void Format_Template_OneLinePerName()
    {
        var lines = _t.Berth.Run("images", "--format", "{{.Repository}}:{{.Tag}}").Ok().Lines;
        Assert.Equal(["busybox:mid", "busybox:old", "busyother:x", "other:new"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Format_Json_IsOneCompactObjectPerLineWithDockersKeys()
    {
        var lines = _t.Berth.Run("images", "--format", "json").Ok().Lines;
        Assert.Equal(4, lines.Length);
        string[] keys = ["Containers", "CreatedAt", "CreatedSince", "Digest", "ID", "Repository", "SharedSize",
            "Size", "Tag", "UniqueSize", "VirtualSize"];
        foreach (var line in lines)
        {
            Assert.StartsWith("{\"", line);
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(keys, doc.RootElement.EnumerateObject().Select(p => p.Name));
        }
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal(_old[7..19], last.RootElement.GetProperty("ID").GetString());
        Assert.Equal("busybox", last.RootElement.GetProperty("Repository").GetString());
        Assert.Equal("old", last.RootElement.GetProperty("Tag").GetString());
        Assert.Equal("<none>", last.RootElement.GetProperty("Digest").GetString());
        Assert.Equal("N/A", last.RootElement.GetProperty("Containers").GetString());
    }

    [Fact]
    public void Format_TableTemplate_HasHeaders()
    {
        var lines = _t.Berth.Run("images", "--format", "table {{.ID}}\t{{.Repository}}").Ok().Lines;
        Assert.Matches("^IMAGE ID +REPOSITORY$", lines[0]);
        Assert.Matches($"^{_old[7..19]} +busybox$", lines[^1]);
        Assert.Equal(5, lines.Length);
    }
}
