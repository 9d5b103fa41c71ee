using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Berth.Oci.Tests;

public sealed class DigestPropertyTests
{
    [Property]
    public bool Parse_ToString_RoundTrips(byte[] content)
    {
        var digest = Digest.Compute(content);
        return Digest.Parse(digest.ToString()) == digest && Digest.Parse(digest.ToString()).ToString() == digest.ToString();
    }

    [Property]
    public Property TryParse_AnyHexOfTheRightLength_RoundTrips()
    {
        var hex = Gen.Elements("0123456789abcdef".ToCharArray());
        var gen = Gen.OneOf(
            Gen.ArrayOf(hex, 64).Select(c => "sha256:" + new string(c)),
            Gen.ArrayOf(hex, 128).Select(c => "sha512:" + new string(c)));
        return Prop.ForAll(gen.ToArbitrary(), text => Digest.TryParse(text, out var d) && d.ToString() == text);
    }

    [Property]
    public Property TryParse_UppercasedHex_Fails()
    {
        var gen = Gen.ArrayOf(Gen.Elements("0123456789abcdef".ToCharArray()), 64)
            .Where(c => c.Any(char.IsAsciiLetter))
            .Select(c => "sha256:" + new string(c).ToUpperInvariant());
        return Prop.ForAll(gen.ToArbitrary(), text => !Digest.TryParse(text, out _));
    }

    [Property]
    public Property TryParse_WrongLength_Fails()
    {
        var gen = Gen.Choose(0, 200).Where(n => n != 64).Select(n => "sha256:" + new string('a', n));
        return Prop.ForAll(gen.ToArbitrary(), text => !Digest.TryParse(text, out _));
    }
}
