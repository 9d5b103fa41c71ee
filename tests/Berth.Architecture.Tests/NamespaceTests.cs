using System.Text.RegularExpressions;

namespace Berth.Architecture.Tests;

/// <summary>STYLE.md: project = namespace = folder (<c>src/Berth.Images/Layout/OciLayout.cs</c> is <c>Berth.Images.Layout</c>).</summary>
public sealed partial class NamespaceTests
{
    public static TheoryData<string> Projects => new(Repository.Projects);

    [Theory]
    [MemberData(nameof(Projects))]
    public void EverySourceFile_DeclaresTheNamespaceOfItsFolder(string project)
    {
        var problems = new List<string>();
        foreach (var file in Repository.SourceFiles(project))
        {
            var relative = Path.GetRelativePath(Path.Combine(Repository.Src, project), file).Replace('\\', '/');
            var folder = Path.GetDirectoryName(relative)!.Replace('\\', '/');
            var expected = folder.Length == 0 ? project : project + "." + folder.Replace('/', '.');
            var text = File.ReadAllText(file);
            var declared = NamespaceRegex().Matches(text).Select(m => m.Groups[1].Value).ToList();
            if (declared.Count == 0)
            {
                // Top-level statements (the CLI's Program.cs) live in the global namespace by definition.
                if (TypeRegex().IsMatch(text)) problems.Add($"{relative}: declares no namespace (expected {expected})");
                continue;
            }
            problems.AddRange(declared.Where(d => d != expected).Select(d => $"{relative}: namespace {d} (expected {expected})"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceRegex();

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|protected|sealed|static|abstract|partial|readonly|file|unsafe|ref)\s+)*(?:class|struct|record|interface|enum|delegate)\s+\w", RegexOptions.Multiline)]
    private static partial Regex TypeRegex();
}
