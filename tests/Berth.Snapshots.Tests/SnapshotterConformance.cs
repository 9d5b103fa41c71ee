using Berth.Oci;

namespace Berth.Snapshots.Tests;

/// <summary>
/// What every <see cref="ISnapshotter"/> must do; each driver's test class derives from this and says how to open
/// one. Split by concern: lifecycle here, mounting in <c>.Mounts.cs</c>, several threads and processes in
/// <c>.Concurrency.cs</c>.
/// </summary>
public abstract partial class SnapshotterConformance : IDisposable
{
    private readonly TempRoot _temp = new();

    protected SnapshotterConformance()
    {
        Root = _temp.Sub("snapshotter");
        Snapshotter = Open(Root);
    }

    protected string Root { get; }

    protected ISnapshotter Snapshotter { get; }

    protected string Scratch(string name) => _temp.Sub(name);

    /// <summary>A new instance of the driver under test over <paramref name="directory"/>.</summary>
    protected abstract ISnapshotter Open(string directory);

    /// <summary>Prepare, write through the writable directory, commit: what unpacking a layer does.</summary>
    protected static void Unpack(ISnapshotter snapshotter, string name, string? parent, Action<string> write)
    {
        var key = "extract-" + Guid.NewGuid().ToString("N");
        var writable = snapshotter.Prepare(key, parent).WritableDirectory();
        Assert.NotNull(writable);
        write(writable);
        snapshotter.Commit(name, key);
    }

    [Fact]
    public void Prepare_WithoutParent_ReturnsAnEmptyWritableActiveSnapshot()
    {
        var labels = new Dictionary<string, string> { ["containerd.io/gc.root"] = "yes" };
        var mounts = Snapshotter.Prepare("a", null, labels);

        var writable = mounts.WritableDirectory();
        Assert.NotNull(writable);
        Assert.Empty(Directory.EnumerateFileSystemEntries(writable));
        var info = Snapshotter.Stat("a");
        Assert.NotNull(info);
        Assert.Equal(("a", null, SnapshotKind.Active), (info.Key, info.Parent, info.Kind));
        Assert.Equal("yes", info.Labels["containerd.io/gc.root"]);
        Assert.Equal(mounts, Snapshotter.Mounts("a"));
    }

    [Fact]
    public void Commit_TurnsTheActiveKeyIntoACommittedName()
    {
        Unpack(Snapshotter, "base", null, dir => File.WriteAllText(Path.Combine(dir, "hello"), "world"));

        Assert.DoesNotContain(Snapshotter.Walk(), s => s.Kind == SnapshotKind.Active);
        var info = Snapshotter.Stat("base");
        Assert.NotNull(info);
        Assert.Equal(SnapshotKind.Committed, info.Kind);
        Assert.Null(info.Parent);
        Assert.Null(Snapshotter.Mounts("base").WritableDirectory());
    }

    [Fact]
    public void Prepare_OnACommittedParent_RecordsTheParent()
    {
        Unpack(Snapshotter, "l1", null, _ => { });
        Unpack(Snapshotter, "l2", "l1", _ => { });
        Snapshotter.Prepare("c", "l2");

        Assert.Equal("l1", Snapshotter.Stat("l2")!.Parent);
        Assert.Equal("l2", Snapshotter.Stat("c")!.Parent);
        Assert.NotNull(Snapshotter.Mounts("c").WritableDirectory());
    }

    [Fact]
    public void Prepare_UsedKey_IsAlreadyExists()
    {
        Snapshotter.Prepare("a", null);
        Assert.Equal(ErrorKind.AlreadyExists, Assert.Throws<BerthException>(() => Snapshotter.Prepare("a", null)).Kind);
        Assert.Equal(ErrorKind.AlreadyExists, Assert.Throws<BerthException>(() => Snapshotter.View("a", null)).Kind);
    }

    [Fact]
    public void Prepare_MissingParent_IsNotFound_AndAnUncommittedParent_IsInvalid()
    {
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => Snapshotter.Prepare("a", "nope")).Kind);
        Snapshotter.Prepare("active", null);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Snapshotter.Prepare("b", "active")).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Snapshotter.Prepare("", null)).Kind);
        Assert.Single(Snapshotter.Walk());
    }

    [Fact]
    public void Commit_ExistingName_IsAlreadyExists_AndLeavesTheActiveSnapshot()
    {
        Unpack(Snapshotter, "chain", null, _ => { });
        Snapshotter.Prepare("mine", null);

        var error = Assert.Throws<BerthException>(() => Snapshotter.Commit("chain", "mine"));

        Assert.Equal(ErrorKind.AlreadyExists, error.Kind);
        Assert.Equal(SnapshotKind.Active, Snapshotter.Stat("mine")!.Kind);
        Snapshotter.Remove("mine");
        Assert.Equal(["chain"], Snapshotter.Walk().Select(s => s.Key));
    }

    [Fact]
    public void Commit_OfAViewOrAMissingKey_Fails()
    {
        Snapshotter.View("v", null);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Snapshotter.Commit("n", "v")).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => Snapshotter.Commit("n", "missing")).Kind);
    }

    [Fact]
    public void Remove_ParentWithChildren_IsConflict_UntilTheChildrenAreGone()
    {
        Unpack(Snapshotter, "l1", null, _ => { });
        Unpack(Snapshotter, "l2", "l1", _ => { });
        Snapshotter.View("v", "l2");

        Assert.Equal(ErrorKind.Conflict, Assert.Throws<BerthException>(() => Snapshotter.Remove("l1")).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<BerthException>(() => Snapshotter.Remove("l2")).Kind);
        Snapshotter.Remove("v");
        Snapshotter.Remove("l2");
        Snapshotter.Remove("l1");

        Assert.Empty(Snapshotter.Walk());
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => Snapshotter.Remove("l1")).Kind);
        Assert.Null(Snapshotter.Stat("l1"));
    }

    [Fact]
    public void Walk_ListsEverySnapshotWithItsKind()
    {
        Unpack(Snapshotter, "l1", null, _ => { });
        Snapshotter.Prepare("active", "l1");
        Snapshotter.View("view", "l1");

        var kinds = Snapshotter.Walk().ToDictionary(s => s.Key, s => s.Kind);

        Assert.Equal(3, kinds.Count);
        Assert.Equal(SnapshotKind.Committed, kinds["l1"]);
        Assert.Equal(SnapshotKind.Active, kinds["active"]);
        Assert.Equal(SnapshotKind.View, kinds["view"]);
    }

    [Fact]
    public void Usage_CountsOwnBytes_HardlinksOnce_ParentsNot()
    {
        var data = new byte[256 * 1024];
        Random.Shared.NextBytes(data);
        Unpack(Snapshotter, "big", null, dir =>
        {
            File.WriteAllBytes(Path.Combine(dir, "data"), data);
            TestSyscalls.HardLink(Path.Combine(dir, "data"), Path.Combine(dir, "link"));
            File.CreateSymbolicLink(Path.Combine(dir, "sym"), "/usr");
        });
        Snapshotter.Prepare("child", "big");

        var usage = Snapshotter.Usage("big");
        Assert.InRange(usage, data.Length, data.Length + 64 * 1024);
        Assert.InRange(Snapshotter.Usage("child"), 0, 64 * 1024);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => Snapshotter.Usage("nope")).Kind);
    }

    [Fact]
    public void Remove_DeletesReadOnlyTrees_AndNeverFollowsSymlinks()
    {
        var outside = Scratch("outside");
        File.WriteAllText(Path.Combine(outside, "precious"), "keep");
        Unpack(Snapshotter, "l1", null, dir =>
        {
            var locked = Directory.CreateDirectory(Path.Combine(dir, "locked", "deeper")).FullName;
            File.WriteAllText(Path.Combine(locked, "f"), "x");
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.GetDirectoryName(locked)!, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            File.CreateSymbolicLink(Path.Combine(dir, "escape"), outside);
            File.CreateSymbolicLink(Path.Combine(dir, "escape-file"), Path.Combine(outside, "precious"));
        });

        Snapshotter.Remove("l1");

        Assert.Equal("keep", File.ReadAllText(Path.Combine(outside, "precious")));
        Assert.Empty(Snapshotter.Walk());
    }

    [Fact]
    public void Snapshots_AreVisibleToASecondInstanceOverTheSameDirectory()
    {
        Unpack(Snapshotter, "l1", null, _ => { });
        var other = Open(Root);

        Assert.Equal(SnapshotKind.Committed, other.Stat("l1")!.Kind);
        other.Remove("l1");
        Assert.Null(Snapshotter.Stat("l1"));
    }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
