using System.Reflection;

namespace Berth.Architecture.Tests;

/// <summary>DESIGN.md, "Layers (references point only down)", checked on project files and on built assemblies.</summary>
public sealed class DependencyDirectionTests
{
    public static TheoryData<string> Projects => new(Repository.Projects);

    [Fact]
    public void EverySrcProject_HasAPlaceInTheLayerTable()
    {
        Assert.NotEmpty(Repository.Projects);
        Assert.All(Repository.Projects, p => Assert.True(Layers.Allowed.ContainsKey(p), $"{p} is not in Layers.Allowed: decide its layer"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferences_PointOnlyDown(string project)
    {
        var allowed = Layers.Allowed[project];
        var references = Repository.ProjectReferences(project);
        Assert.All(references, r => Assert.True(allowed.Contains(r), $"{project} references {r}; DESIGN.md allows only [{string.Join(", ", allowed)}]"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void BuiltAssembly_ReferencesOnlyAllowedBerthAssemblies(string project)
    {
        var assembly = Assembly.Load(new AssemblyName(Layers.AssemblyOf(project)));
        var berth = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Berth.", StringComparison.Ordinal) || n == "berth")
            .Select(Layers.ProjectOf);
        var allowed = Layers.Allowed[project];
        Assert.All(berth, r => Assert.True(allowed.Contains(r), $"{assembly.GetName().Name} references {r}"));
    }

    [Theory]
    [InlineData("Berth.Oci")]
    [InlineData("Berth.Linux")]
    [InlineData("Berth.CommandLine")]
    [InlineData("Berth.Templates")]
    public void FoundationAssemblies_ReferenceOnlyTheFramework(string project)
    {
        Assert.Empty(Repository.Items(project, "PackageReference"));
        Assert.Empty(Repository.ProjectReferences(project));
        var assembly = Assembly.Load(new AssemblyName(project));
        Assert.All(assembly.GetReferencedAssemblies().Select(a => a.Name!),
            name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib" or "Microsoft.Win32.Primitives",
                $"{project} references {name}"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Closure_NeverReachesForbiddenLayers(string project)
    {
        var reached = Closure(project);
        var forbidden = Layers.NeverTransitively.TryGetValue(project, out var f) ? f : new HashSet<string>();
        Assert.Empty(reached.Intersect(forbidden));
        Assert.DoesNotContain(project, reached);
        if (project != "Berth.Cli") Assert.DoesNotContain("Berth.Cli", reached);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void NoSrcProject_ReferencesATestProjectOrTestFramework(string project)
    {
        Assert.All(Repository.Items(project, "ProjectReference"), include =>
        {
            var normalized = include.Replace('\\', '/');
            Assert.DoesNotContain("/tests/", "/" + normalized, StringComparison.Ordinal);
            Assert.False(Path.GetFileNameWithoutExtension(normalized).EndsWith(".Tests", StringComparison.Ordinal), $"{project} references {include}");
        });
        Assert.All(Repository.Items(project, "PackageReference"), package =>
            Assert.DoesNotContain(package, new[] { "xunit", "xunit.runner.visualstudio", "Microsoft.NET.Test.Sdk", "FsCheck", "FsCheck.Xunit" }));
        var assembly = Assembly.Load(new AssemblyName(Layers.AssemblyOf(project)));
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name!.EndsWith(".Tests", StringComparison.Ordinal) || a.Name!.StartsWith("xunit", StringComparison.Ordinal));
    }

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Repository.ProjectReferences(project));
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next) || !Repository.Projects.Contains(next)) continue;
            foreach (var r in Repository.ProjectReferences(next)) pending.Push(r);
        }
        return seen;
    }
}
