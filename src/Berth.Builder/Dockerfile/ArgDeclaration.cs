namespace Berth.Builder.Dockerfile;

/// <summary>One name of an ARG line; <paramref name="DefaultValue"/> is raw (quotes kept) and null without <c>=</c>.</summary>
public sealed record ArgDeclaration(string Name, string? DefaultValue);
