namespace Berth.Builder.Context;

/// <summary>
/// A tree COPY/ADD read from: the build context (<paramref name="IsContext"/>, its ignore rules hide files) or
/// another stage's or image's root filesystem (<c>COPY --from</c>, where symlinks resolve inside that root and
/// owners are kept unless <c>--chown</c> says otherwise).
/// </summary>
public sealed record CopySourceRoot(string Directory, IgnorePatterns Ignore, bool IsContext)
{
    /// <summary>The build context's root with its .dockerignore rules.</summary>
    public static CopySourceRoot ForContext(BuildContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CopySourceRoot(context.Root, context.Ignore, IsContext: true);
    }

    /// <summary>A stage's or image's root filesystem: nothing hidden.</summary>
    public static CopySourceRoot ForRootfs(string rootfs) => new(rootfs, IgnorePatterns.Empty, IsContext: false);
}
