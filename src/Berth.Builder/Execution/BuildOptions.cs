using Berth.Oci;

namespace Berth.Builder.Execution;

/// <summary>The knobs of one build that change what it does, not where its output goes.</summary>
public sealed record BuildOptions
{
    /// <summary><c>--build-arg</c> values; a null value takes the variable from the caller's environment.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    /// <summary>The stage to build (<c>--target</c>); the last one when null.</summary>
    public string? Target { get; init; }
    public bool NoCache { get; init; }
    public bool Pull { get; init; }
    /// <summary>RUN's network: <c>default</c>, <c>host</c> or <c>none</c>.</summary>
    public string Network { get; init; } = "default";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary><c>--secret id=…,src=…|env=…</c>: secret id to where its bytes come from.</summary>
    public IReadOnlyDictionary<string, BuildSecret> Secrets { get; init; } = new Dictionary<string, BuildSecret>();
    /// <summary><c>--build-context name=path</c>: named contexts, usable in FROM and COPY --from.</summary>
    public IReadOnlyDictionary<string, string> NamedContexts { get; init; } = new Dictionary<string, string>();
    /// <summary>SOURCE_DATE_EPOCH: every timestamp of the image, and file mtimes clamped to it.</summary>
    public DateTimeOffset? SourceDateEpoch { get; init; }
    public Platform Platform { get; init; } = Platform.Host;
}
