using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>Docker's restart policies: validation at create, and the monitor's decision after each exit.</summary>
internal static class RestartPolicies
{
    public static void Validate(RestartPolicy policy, bool autoRemove)
    {
        switch (policy.Name)
        {
            case "" or "no":
                if (policy.MaximumRetryCount != 0)
                    throw BerthException.Invalid($"invalid restart policy: maximum retry count can only be used with 'on-failure'");
                return;
            case "always" or "unless-stopped":
                if (policy.MaximumRetryCount != 0)
                    throw BerthException.Invalid($"invalid restart policy: maximum retry count can only be used with 'on-failure'");
                break;
            case "on-failure":
                if (policy.MaximumRetryCount < 0)
                    throw BerthException.Invalid("invalid restart policy: maximum retry count cannot be negative");
                break;
            default:
                throw BerthException.Invalid($"invalid restart policy: unknown policy '{policy.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }
        if (autoRemove)
            throw BerthException.Invalid("can't create 'AutoRemove' container with restart policy");
    }

    /// <summary>Whether the monitor starts the container again after it exited with <paramref name="exitCode"/>.</summary>
    public static bool ShouldRestart(RestartPolicy policy, int exitCode, int restartCount, bool manuallyStopped)
    {
        if (manuallyStopped) return false;
        return policy.Name switch
        {
            "always" or "unless-stopped" => true,
            "on-failure" => exitCode != 0 && (policy.MaximumRetryCount == 0 || restartCount < policy.MaximumRetryCount),
            _ => false,
        };
    }
}
