namespace Berth.Runtime.Spec;

/// <summary>A choice for one namespace: <see cref="Private"/>, <see cref="Host"/> or <see cref="Join"/> a path.</summary>
public readonly record struct NamespaceMode(NamespaceKind Kind, string? NamespacePath)
{
    public static NamespaceMode Private => new(NamespaceKind.Private, null);

    public static NamespaceMode Host => new(NamespaceKind.Host, null);

    public static NamespaceMode Join(string namespacePath) => new(NamespaceKind.Path, namespacePath);
}
