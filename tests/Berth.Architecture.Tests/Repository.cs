using System.Xml.Linq;

namespace Berth.Architecture.Tests;

/// <summary>The source tree the tests read: found by walking up from the test binaries to Berth.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Src => Path.Combine(Root, "src");

    public static IReadOnlyList<string> Projects { get; } =
        Directory.EnumerateDirectories(Path.Combine(FindRoot(), "src"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList()!;

    public static string ProjectFile(string project) => Path.Combine(Src, project, project + ".csproj");

    /// <summary>The ProjectReference items of a project, as the referenced projects' file names without extension.</summary>
    public static IReadOnlyList<string> ProjectReferences(string project) =>
        Items(project, "ProjectReference")
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToList();

    /// <summary>The raw Include values of one item type in a project file.</summary>
    public static IEnumerable<string> Items(string project, string itemType) =>
        XDocument.Load(ProjectFile(project)).Descendants(itemType)
            .Select(e => (string?)e.Attribute("Include"))
            .Where(i => i is not null)
            .Select(i => i!);

    /// <summary>Source files of a project, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string project)
    {
        var directory = Path.Combine(Src, project);
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f =>
            {
                var relative = Path.GetRelativePath(directory, f).Replace('\\', '/');
                return !relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal);
            });
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Berth.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Berth.sln not found above {AppContext.BaseDirectory}");
    }
}
