namespace Berth.Cli.Commands.Container;

/// <summary>How a foreground run or <c>start -a</c> attaches: detach keys and signal proxying.</summary>
internal sealed record ForegroundOptions
{
    /// <summary>Docker's detach key syntax; empty for the default (ctrl-p,ctrl-q).</summary>
    public string DetachKeys { get; init; } = "";
    /// <summary>Forward the signals this process receives to the container (<c>--sig-proxy</c>, not with a tty).</summary>
    public bool ProxySignals { get; init; } = true;
    /// <summary>Attach stdin even if the container was not created with it (start -i).</summary>
    public bool? Stdin { get; init; }
    /// <summary>A monitor started ahead for this container (<c>run</c>); null starts one.</summary>
    public Engine.Containers.PendingMonitor? Monitor { get; init; }
}
