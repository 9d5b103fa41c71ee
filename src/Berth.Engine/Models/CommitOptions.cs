namespace Berth.Engine.Models;

/// <summary>What <c>berth commit</c> asks for (the Engine API's POST /commit query).</summary>
public sealed record CommitOptions
{
    /// <summary>REPOSITORY[:TAG] for the new image; null leaves it untagged.</summary>
    public string? Reference { get; init; }

    /// <summary>The image's author (<c>-a</c>), e.g. "Jane Doe &lt;jane@example.com&gt;".</summary>
    public string Author { get; init; } = "";

    /// <summary>The commit message (<c>-m</c>), kept as the history entry's comment.</summary>
    public string Comment { get; init; } = "";

    /// <summary>Dockerfile instructions applied to the new image's config (<c>-c</c>).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>Freeze a running container while its layer is written (docker's default).</summary>
    public bool Pause { get; init; } = true;
}
