using Berth.Builder.Dockerfile;
using Berth.Oci;

namespace Berth.Builder.Planning;

/// <summary>
/// The values visible to FROM lines: BuildKit's automatic platform args, then the ARGs declared before the
/// first FROM, each default expanded with those before it and overridden by a <c>--build-arg</c>.
/// </summary>
public static class GlobalArgs
{
    /// <summary>Args BuildKit defines without a declaration; a stage still has to declare them to use them.</summary>
    public static IReadOnlyDictionary<string, string> Automatic(Platform platform)
    {
        var text = platform.ToString();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TARGETPLATFORM"] = text,
            ["TARGETOS"] = platform.Os,
            ["TARGETARCH"] = platform.Architecture,
            ["TARGETVARIANT"] = platform.Variant ?? "",
            ["BUILDPLATFORM"] = text,
            ["BUILDOS"] = platform.Os,
            ["BUILDARCH"] = platform.Architecture,
            ["BUILDVARIANT"] = platform.Variant ?? "",
        };
    }

    public static Dictionary<string, string> Resolve(DockerfileDocument document, IReadOnlyDictionary<string, string> buildArgs,
        Platform platform, ISet<string> used)
    {
        var values = new Dictionary<string, string>(Automatic(platform), StringComparer.Ordinal);
        foreach (var instruction in document.MetaArgs)
        {
            var expanded = InstructionExpander.Expand(instruction, values, document.Directives.Escape, used);
            foreach (var arg in expanded.Args)
            {
                if (buildArgs.TryGetValue(arg.Name, out var given))
                {
                    values[arg.Name] = given;
                    used.Add(arg.Name);
                }
                else if (arg.DefaultValue is not null)
                {
                    values[arg.Name] = arg.DefaultValue;
                }
                else if (!Automatic(platform).ContainsKey(arg.Name))
                {
                    values.Remove(arg.Name);
                }
            }
        }
        return values;
    }
}
