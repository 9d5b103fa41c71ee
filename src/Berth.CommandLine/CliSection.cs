namespace Berth.CommandLine;

/// <summary>Where the root help lists a top-level command, as docker 28 groups its root help.</summary>
public enum CliSection
{
    /// <summary>"Commands:", the default for a top-level command or alias.</summary>
    Commands,

    /// <summary>"Common Commands:", listed first, in the order added (docker's <c>category-top</c>).</summary>
    Common,

    /// <summary>"Management Commands:", the default for a group such as <c>image</c>.</summary>
    Management,
}
