using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Berth.Oci.Tests;

/// <summary>Round trips over generated references that follow distribution/reference's grammar.</summary>
public sealed class ReferencePropertyTests
{
    private static Gen<T[]> Between<T>(Gen<T> element, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(element, n));

    private static readonly Gen<string> Alnum =
        Between(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray()), 1, 8).Select(c => new string(c));

    private static readonly Gen<string> Separator = Gen.Elements(".", "_", "__", "-", "--", "---");

    private static readonly Gen<string> PathComponent =
        from first in Alnum
        from more in Between(from s in Separator from a in Alnum select s + a, 0, 2)
        select first + string.Concat(more);

    // A first component with a dot would read as a registry host once the domain is dropped (Docker's own
    // ambiguity: the familiar form of docker.io/a.b/c is a.b/c, which names host a.b), so it has none.
    private static readonly Gen<string> RepoPath =
        Between(PathComponent, 1, 4).Where(c => !c[0].Contains('.'))
            .Select(c => string.Join('/', c));

    private static readonly Gen<string> Domain = Gen.Elements(
        "", "localhost/", "localhost:5000/", "example.com/", "registry-1.example.com:443/", "docker.io/",
        "index.docker.io/", "[::1]:5000/", "Foo/", "127.0.0.1:8080/", "xn--n3h.com/");

    private static readonly Gen<string> Tag =
        from first in Gen.Elements("abcXYZ019_".ToCharArray())
        from rest in Between(Gen.Elements("abcXYZ019_.-".ToCharArray()), 0, 127)
        select first + new string(rest);

    private static readonly Gen<string> DigestText =
        Gen.ArrayOf(Gen.Elements("0123456789abcdef".ToCharArray()), 64).Select(c => "sha256:" + new string(c));

    private static readonly Gen<string> ValidReference =
        from domain in Domain
        from path in RepoPath
        from tag in Gen.OneOf(Gen.Constant(""), Tag.Select(t => ":" + t))
        from digest in Gen.OneOf(Gen.Constant(""), DigestText.Select(d => "@" + d))
        select domain + path + tag + digest;

    [Property(MaxTest = 500)]
    public Property Parse_ToString_RoundTrips() =>
        Prop.ForAll(ValidReference.ToArbitrary(), text =>
        {
            Assert.True(Reference.TryParse(text, out var reference, out var error), $"{text}: {error}");
            Assert.Equal(reference, Reference.Parse(reference.ToString()));
            Assert.Equal(reference.ToString(), Reference.Parse(reference.ToString()).ToString());
        });

    [Property(MaxTest = 500)]
    public Property Parse_ToFamiliarString_RoundTrips() =>
        Prop.ForAll(ValidReference.ToArbitrary(), text =>
        {
            var reference = Reference.Parse(text);
            Assert.Equal(reference, Reference.Parse(reference.ToFamiliarString()));
            Assert.Equal(reference.NameOnly(), Reference.Parse(reference.FamiliarName));
        });

    [Property(MaxTest = 300)]
    public Property WithDefaultTag_IsIdempotent() =>
        Prop.ForAll(ValidReference.ToArbitrary(), text =>
        {
            var tagged = Reference.Parse(text).WithDefaultTag();
            Assert.True(tagged.Tag is not null || tagged.Digest is not null);
            Assert.Equal(tagged, tagged.WithDefaultTag());
        });

    [Property(MaxTest = 300)]
    public Property UppercasePath_IsRejected() =>
        Prop.ForAll(RepoPath.Where(p => p.Any(char.IsAsciiLetter)).ToArbitrary(), path =>
        {
            var upper = "example.com/" + path.ToUpperInvariant();
            Assert.False(Reference.TryParse(upper, out _, out var error));
            Assert.EndsWith("must be lowercase", error, StringComparison.Ordinal);
        });
}
