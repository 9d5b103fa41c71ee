using Berth.Engine.Volumes;
using Berth.Oci;

namespace Berth.Engine.Tests.Volumes;

public sealed class VolumeServiceTests : IDisposable
{
    private readonly VolumeEngine _v = new();
    private VolumeService Volumes => _v.Engine.Volumes;
    private static CancellationToken Ct => CancellationToken.None;

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    [Fact]
    public async Task Create_Named_MakesDataDirectoryAndInspectShowsDockerFields()
    {
        var created = await Volumes.CreateAsync(new VolumeCreateOptions { Name = "data", Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } }, Ct);
        var inspected = await Volumes.InspectAsync("data", Ct);
        Assert.Equal(VolumeEngine.Json(created), VolumeEngine.Json(inspected));
        Assert.Equal("data", inspected.Name);
        Assert.Equal("local", inspected.Driver);
        Assert.Equal("local", inspected.Scope);
        Assert.Equal(Path.Combine(_v.VolumesDirectory, "data", "_data"), inspected.Mountpoint);
        Assert.True(Directory.Exists(inspected.Mountpoint));
        Assert.Equal(["a", "b"], inspected.Labels.Keys);
        Assert.Empty(inspected.Options);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", inspected.CreatedAt);
        // Nothing but the volume is left in the volumes directory (no temporary directories).
        Assert.Equal(["data"], Directory.GetFileSystemEntries(_v.VolumesDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Inspect_Json_HasDockersKeysInOrder()
    {
        var volume = await Volumes.CreateAsync(new VolumeCreateOptions { Name = "shape", Labels = new Dictionary<string, string> { ["z"] = "1", ["a"] = "" } }, Ct);
        var json = VolumeEngine.Json(volume);
        Assert.Equal($"{{\"CreatedAt\":\"{volume.CreatedAt}\",\"Driver\":\"local\",\"Labels\":{{\"a\":\"\",\"z\":\"1\"}},\"Mountpoint\":\"{volume.Mountpoint}\",\"Name\":\"shape\",\"Options\":{{}},\"Scope\":\"local\"}}", json);
    }

    [Fact]
    public async Task Create_ExistingName_ReturnsItUnchanged()
    {
        var first = await Volumes.CreateAsync(new VolumeCreateOptions { Name = "same", Labels = new Dictionary<string, string> { ["x"] = "1" } }, Ct);
        File.WriteAllText(Path.Combine(first.Mountpoint, "keep"), "data");
        var second = await Volumes.CreateAsync(new VolumeCreateOptions { Name = "same", Labels = new Dictionary<string, string> { ["y"] = "2" } }, Ct);
        Assert.Equal(VolumeEngine.Json(first), VolumeEngine.Json(second));
        Assert.Equal(["x"], second.Labels.Keys);
        Assert.True(File.Exists(Path.Combine(first.Mountpoint, "keep")));
        Assert.Single((await Volumes.ListAsync([], Ct)).Volumes);
    }

    [Fact]
    public async Task Create_WithoutName_IsAnonymous()
    {
        var volume = await Volumes.CreateAsync(new VolumeCreateOptions(), Ct);
        Assert.Matches("^[0-9a-f]{64}$", volume.Name);
        Assert.Equal("", volume.Labels[VolumeNames.AnonymousLabel]);
        var other = await Volumes.CreateAsync(new VolumeCreateOptions(), Ct);
        Assert.NotEqual(volume.Name, other.Name);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("../x")]
    [InlineData(".hidden")]
    [InlineData("_x")]
    [InlineData("sp ace")]
    [InlineData("ünï")]
    public async Task Create_InvalidName_UsesDockersMessageAndLeavesNothing(string name)
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.CreateAsync(new VolumeCreateOptions { Name = name }, Ct));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_v.VolumesDirectory));
        Assert.Empty((await Volumes.ListAsync([], Ct)).Volumes);
    }

    [Fact]
    public async Task Create_OneCharacterName_IsTooShort()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.CreateAsync(new VolumeCreateOptions { Name = "a" }, Ct));
        Assert.Equal("create a: volume name is too short, names should be at least two alphanumeric characters", e.Message);
    }

    [Fact]
    public async Task Create_UnknownDriver_IsPluginNotFound()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.CreateAsync(new VolumeCreateOptions { Name = "v1", Driver = "nfs3" }, Ct));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("create v1: error looking up volume plugin nfs3: plugin \"nfs3\" not found", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_v.VolumesDirectory));
    }

    [Theory]
    [InlineData("bogus=1", "create vv: invalid option: \"bogus\"")]
    [InlineData("type=tmpfs", "create vv: missing required option: \"device\"")]
    [InlineData("o=size=1m", "create vv: missing required option: \"device\"")]
    public async Task Create_BadDriverOptions_AreRejected(string option, string message)
    {
        var eq = option.IndexOf('=');
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.CreateAsync(new VolumeCreateOptions
        {
            Name = "vv",
            DriverOpts = new Dictionary<string, string> { [option[..eq]] = option[(eq + 1)..] },
        }, Ct));
        Assert.Equal(message, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_v.VolumesDirectory));
    }

    [Fact]
    public async Task Inspect_Missing_IsNoSuchVolume()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.InspectAsync("nope", Ct));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("get nope: no such volume", e.Message);
    }

    [Fact]
    public async Task List_Filters_MatchLikeDocker()
    {
        await Volumes.CreateAsync(new VolumeCreateOptions { Name = "web-data", Labels = new Dictionary<string, string> { ["tier"] = "web", ["keep"] = "" } }, Ct);
        await Volumes.CreateAsync(new VolumeCreateOptions { Name = "db-data", Labels = new Dictionary<string, string> { ["tier"] = "db" } }, Ct);
        await Volumes.CreateAsync(new VolumeCreateOptions { Name = "cache" }, Ct);
        _v.AddContainerUsing(new string('c', 64), "db-data");

        async Task<string[]> Names(params KeyValuePair<string, string>[] filters) =>
            (await Volumes.ListAsync(filters, Ct)).Volumes.Select(v => v.Name).ToArray();

        Assert.Equal(["cache", "db-data", "web-data"], await Names());
        Assert.Equal(["db-data", "web-data"], await Names(F("name", "data")));
        Assert.Equal(["cache", "web-data"], await Names(F("name", "^(c|w)")));
        Assert.Equal(["db-data", "web-data"], await Names(F("label", "tier")));
        Assert.Equal(["web-data"], await Names(F("label", "tier=web")));
        Assert.Equal(["web-data"], await Names(F("label", "tier"), F("label", "keep")));
        Assert.Equal(["cache", "web-data"], await Names(F("dangling", "true")));
        Assert.Equal(["db-data"], await Names(F("dangling", "0")));
        Assert.Equal(["cache", "db-data", "web-data"], await Names(F("driver", "local")));
        Assert.Empty(await Names(F("driver", "other")));
        Assert.Equal(["db-data"], await Names(F("name", "db"), F("dangling", "false")));
    }

    [Theory]
    [InlineData("color", "x", "invalid filter 'color'")]
    [InlineData("dangling", "maybe", "invalid filter 'dangling=maybe'")]
    [InlineData("until", "1h", "invalid filter 'until'")]
    public async Task List_BadFilter_IsInvalidArgument(string key, string value, string message)
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.ListAsync([F(key, value)], Ct));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Remove_DeletesRowAndData()
    {
        var volume = await Volumes.CreateAsync(new VolumeCreateOptions { Name = "gone" }, Ct);
        Directory.CreateDirectory(Path.Combine(volume.Mountpoint, "sub"));
        File.WriteAllText(Path.Combine(volume.Mountpoint, "sub", "f"), "x");
        File.CreateSymbolicLink(Path.Combine(volume.Mountpoint, "outside"), _v.VolumesDirectory);
        await Volumes.RemoveAsync("gone", force: false, Ct);
        await Assert.ThrowsAsync<BerthException>(() => Volumes.InspectAsync("gone", Ct));
        Assert.Empty(Directory.GetFileSystemEntries(_v.VolumesDirectory));
        // The name is free again, with an empty directory.
        var again = await Volumes.CreateAsync(new VolumeCreateOptions { Name = "gone" }, Ct);
        Assert.Empty(Directory.GetFileSystemEntries(again.Mountpoint));
    }

    [Fact]
    public async Task Remove_Missing_FailsUnlessForced()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.RemoveAsync("nope", force: false, Ct));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("get nope: no such volume", e.Message);
        await Volumes.RemoveAsync("nope", force: true, Ct);
    }

    [Fact]
    public async Task Remove_InUse_IsConflictEvenWithForce()
    {
        await Volumes.CreateAsync(new VolumeCreateOptions { Name = "busy" }, Ct);
        var a = new string('a', 64);
        var b = new string('b', 64);
        _v.AddContainerUsing(b, "busy");
        _v.AddContainerUsing(a, "busy");
        foreach (var force in new[] { false, true })
        {
            var e = await Assert.ThrowsAsync<BerthException>(() => Volumes.RemoveAsync("busy", force, Ct));
            Assert.Equal(ErrorKind.Conflict, e.Kind);
            Assert.Equal($"remove busy: volume is in use - [{a}, {b}]", e.Message);
        }
        Assert.True(Directory.Exists(Path.Combine(_v.VolumesDirectory, "busy", "_data")));
        _v.RemoveContainer(a);
        _v.RemoveContainer(b);
        await Volumes.RemoveAsync("busy", force: false, Ct);
    }

    public void Dispose() => _v.Dispose();
}
