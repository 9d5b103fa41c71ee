using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// <c>--restart no|always|unless-stopped|on-failure[:N]</c>, parsed by the docker CLI's rules and checked by
/// the daemon's: a retry count is only for on-failure and never negative.
/// </summary>
public readonly record struct RestartPolicy(string Name, int MaximumRetryCount)
{
    public const string No = "no";
    public const string Always = "always";
    public const string UnlessStopped = "unless-stopped";
    public const string OnFailure = "on-failure";

    public static RestartPolicy Parse(string policy)
    {
        var colon = policy.IndexOf(':');
        var name = colon < 0 ? policy : policy[..colon];
        var count = colon < 0 ? "" : policy[(colon + 1)..];
        if (colon >= 0 && name.Length == 0)
            throw BerthException.Invalid("invalid restart policy format: no policy provided before colon");
        var retries = 0;
        if (count.Length > 0 && !GoInts.TryAtoi(count, out retries))
            throw BerthException.Invalid("invalid restart policy format: maximum retry count must be an integer");
        switch (name)
        {
            case "" or No or Always or UnlessStopped:
                if (retries != 0)
                {
                    throw BerthException.Invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'"
                        + (retries < 0 ? " and cannot be negative" : ""));
                }
                return new RestartPolicy(name.Length == 0 ? No : name, 0);
            case OnFailure:
                return retries < 0
                    ? throw BerthException.Invalid("invalid restart policy: maximum retry count cannot be negative")
                    : new RestartPolicy(name, retries);
            default:
                throw BerthException.Invalid(
                    $"invalid restart policy: unknown policy '{name}'; use one of '{No}', '{Always}', '{OnFailure}', or '{UnlessStopped}'");
        }
    }

    public override string ToString() => Name == OnFailure && MaximumRetryCount > 0 ? $"{Name}:{MaximumRetryCount}" : Name;
}
