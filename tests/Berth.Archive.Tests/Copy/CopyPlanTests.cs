using Berth.Archive.Copy;
using Berth.Oci;

namespace Berth.Archive.Tests.Copy;

public sealed class CopyPlanTests
{
    private static CopySource File(string path = "/src/f.txt") => new() { Path = path, IsDirectory = false };
    private static CopySource Dir(string path = "/src/d") => new() { Path = path, IsDirectory = true };

    [Fact]
    public void FileIntoExistingDirectory_KeepsItsName()
    {
        var plan = CopyPlan.Plan(File(), new CopyDestination { Path = "/app", Exists = true, IsDirectory = true });
        Assert.Equal(new CopyPlanResult { ExtractDirectory = "/app" }, plan);
    }

    [Fact]
    public void FileOntoExistingFile_ReplacesItUnderTheDestinationName()
    {
        var plan = CopyPlan.Plan(File(), new CopyDestination { Path = "/app/old.txt", Exists = true });
        Assert.Equal(new CopyPlanResult { ExtractDirectory = "/app", RenameFrom = "f.txt", RenameTo = "old.txt" }, plan);
    }

    [Fact]
    public void FileToMissingPath_IsWrittenAsThatPath()
    {
        var plan = CopyPlan.Plan(File(), new CopyDestination { Path = "/app/new.txt", Exists = false });
        Assert.Equal(new CopyPlanResult { ExtractDirectory = "/app", RenameFrom = "f.txt", RenameTo = "new.txt" }, plan);
    }

    [Fact]
    public void FileToMissingPathWithTrailingSlash_MustBeADirectory()
    {
        var e = Assert.Throws<BerthException>(() => CopyPlan.Plan(File(), new CopyDestination { Path = "/app/new/", Exists = false }));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("destination \"/app/new/\" must be a directory", e.Message);
    }

    [Fact]
    public void MissingParent_IsNoSuchDirectory()
    {
        var e = Assert.Throws<BerthException>(() => CopyPlan.Plan(File(), new CopyDestination { Path = "/no/dir/x", Exists = false, ParentExists = false }));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("no such directory", e.Message);
        Assert.Contains("/no/dir", e.Message);
    }

    [Fact]
    public void DirectoryOntoFile_IsAnError()
    {
        var e = Assert.Throws<BerthException>(() => CopyPlan.Plan(Dir(), new CopyDestination { Path = "/app/f", Exists = true }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.StartsWith("cannot copy a directory to a file", e.Message);
    }

    [Fact]
    public void DirectoryToMissingPath_IsCreatedAsThatPath()
    {
        var plan = CopyPlan.Plan(Dir(), new CopyDestination { Path = "/app/copy", Exists = false });
        Assert.Equal(new CopyPlanResult { ExtractDirectory = "/app", RenameFrom = "d", RenameTo = "copy" }, plan);
        // Even with a trailing slash: a directory source creates the directory.
        plan = CopyPlan.Plan(Dir(), new CopyDestination { Path = "/app/copy/", Exists = false });
        Assert.Equal(new CopyPlanResult { ExtractDirectory = "/app", RenameFrom = "d", RenameTo = "copy" }, plan);
    }

    [Fact]
    public void DirectoryIntoExistingDirectory_GoesInsideUnlessDotSlash()
    {
        var into = CopyPlan.Plan(Dir("/src/d"), new CopyDestination { Path = "/app", Exists = true, IsDirectory = true });
        Assert.Equal(new CopyPlanResult { ExtractDirectory = "/app" }, into);
        Assert.Equal("d", Dir("/src/d").ArchiveName);
        // "d/." archives as "./...", so extracting into /app puts the contents straight into /app.
        Assert.Equal(".", Dir("/src/d/.").ArchiveName);
        var contents = CopyPlan.Plan(Dir("/src/d/."), new CopyDestination { Path = "/app/new", Exists = false });
        Assert.Equal(new CopyPlanResult { ExtractDirectory = "/app", RenameFrom = ".", RenameTo = "new" }, contents);
    }

    [Theory]
    [InlineData("a/b", "a", "b")]
    [InlineData("a/b/", "a", "b")]
    [InlineData("a/b/.", "a/b", ".")]
    [InlineData("/x", "/", "x")]
    [InlineData("x", ".", "x")]
    [InlineData("/", "/", "/")]
    public void SplitPath_FollowsMobysSplitPathDirEntry(string path, string directory, string name) =>
        Assert.Equal((directory, name), CopyPlan.SplitPath(path));
}
