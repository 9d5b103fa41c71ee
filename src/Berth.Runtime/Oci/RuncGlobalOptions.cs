namespace Berth.Runtime.Oci;

/// <summary>The flags runc takes before its subcommand (<c>runc --root R --log F --log-format json create …</c>).</summary>
public sealed record RuncGlobalOptions
{
    /// <summary>runc's state root (<c>--root</c>); one per engine run root so separate engines never collide.</summary>
    public required string Root { get; init; }

    /// <summary>Where runc writes its log (<c>--log</c>); null keeps runc's default, its stderr.</summary>
    public string? Log { get; init; }

    /// <summary><c>text</c> or <c>json</c> (<c>--log-format</c>); null keeps runc's default, text.</summary>
    public string? LogFormat { get; init; }

    /// <summary>Manage cgroups through systemd (<c>--systemd-cgroup</c>).</summary>
    public bool SystemdCgroup { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string> { "--root", Root };
        if (Log is not null) args.AddRange(["--log", Log]);
        if (LogFormat is not null)
        {
            if (LogFormat is not ("text" or "json")) throw Berth.Oci.BerthException.Invalid($"invalid runtime log format: {LogFormat}");
            args.AddRange(["--log-format", LogFormat]);
        }

        if (SystemdCgroup) args.Add("--systemd-cgroup");
        return args;
    }
}
