using System.Text.RegularExpressions;

namespace Berth.Oci;

/// <summary>
/// An image reference normalized the way Docker normalizes it (distribution/reference, "ParseNormalizedNamed"):
/// <c>busybox</c> is <c>docker.io/library/busybox</c>, a first component with a dot or colon or named
/// <c>localhost</c> is a registry host. <see cref="Tag"/> and <see cref="Digest"/> may both be set.
/// </summary>
public sealed partial record Reference
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";
    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepositoryPrefix = "library/";
    private const int NameMaxLength = 255;

    /// <summary>Registry host, with port when given (<c>docker.io</c>, <c>localhost:5000</c>).</summary>
    public string Domain { get; }

    /// <summary>Repository path inside the registry (<c>library/busybox</c>).</summary>
    public string Path { get; }

    public string? Tag { get; }

    public Digest? Digest { get; }

    private Reference(string domain, string path, string? tag, Digest? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The full repository name, <c>docker.io/library/busybox</c>.</summary>
    public string Name => $"{Domain}/{Path}";

    /// <summary>The repository name as users write it: <c>busybox</c>, <c>user/app</c>, <c>localhost:5000/x</c>.</summary>
    public string FamiliarName
    {
        get
        {
            if (Domain != DefaultDomain) return Name;
            return Path.StartsWith(OfficialRepositoryPrefix, StringComparison.Ordinal) && Path.IndexOf('/', OfficialRepositoryPrefix.Length) < 0
                ? Path[OfficialRepositoryPrefix.Length..]
                : Path;
        }
    }

    /// <summary>Adds <c>:latest</c> when the reference names neither tag nor digest (reference.TagNameOnly).</summary>
    public Reference WithDefaultTag() => Tag is null && Digest is null ? new Reference(Domain, Path, DefaultTag, null) : this;

    public Reference WithTag(string tag) => new(Domain, Path, ValidateTag(tag), null);

    public Reference WithDigest(Digest digest) => new(Domain, Path, null, digest);

    public Reference NameOnly() => new(Domain, Path, null, null);

    public override string ToString() => Name + Suffix;

    public string ToFamiliarString() => FamiliarName + Suffix;

    private string Suffix => (Tag is null ? "" : ":" + Tag) + (Digest is { } d ? "@" + d : "");

    /// <summary>Parses and normalizes a reference; errors use Docker's wording.</summary>
    public static Reference Parse(string value) =>
        TryParse(value, out var reference, out var error) ? reference : throw BerthException.Invalid(error);

    public static bool TryParse(string value, out Reference reference, out string error)
    {
        reference = null!;
        if (FullHexRegex().IsMatch(value))
        {
            error = $"invalid repository name ({value}), cannot specify 64-byte hexadecimal strings";
            return false;
        }
        var match = ReferenceRegex().Match(value);
        if (!match.Success)
        {
            error = value.Length == 0 ? "invalid reference format" : InvalidFormatMessage(value);
            return false;
        }
        var name = match.Groups["name"].Value;
        var (domain, path) = SplitDomain(name);
        if (path.Any(char.IsAsciiLetterUpper))
        {
            error = $"invalid reference format: repository name ({path}) must be lowercase";
            return false;
        }
        if (!PathRegex().IsMatch(path) || !DomainRegex().IsMatch(domain))
        {
            error = "invalid reference format";
            return false;
        }
        if (name.Length > NameMaxLength)
        {
            error = $"invalid reference format: repository name must not be more than {NameMaxLength} characters";
            return false;
        }
        Digest? digest = null;
        if (match.Groups["digest"].Success)
        {
            if (!Oci.Digest.TryParse(match.Groups["digest"].Value, out var d))
            {
                error = "invalid reference format";
                return false;
            }
            digest = d;
        }
        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        reference = new Reference(domain, path, tag, digest);
        error = "";
        return true;
    }

    public static bool IsValidTag(string tag) => TagRegex().IsMatch(tag);

    private static string ValidateTag(string tag) =>
        IsValidTag(tag) ? tag : throw BerthException.Invalid("invalid tag format");

    private static string InvalidFormatMessage(string value)
    {
        // Docker reports uppercase names specially even when the rest of the grammar fails on them.
        var candidate = value.Split('@')[0];
        var lastSlash = candidate.LastIndexOf('/');
        var colon = candidate.LastIndexOf(':');
        if (colon > lastSlash) candidate = candidate[..colon];
        if (candidate.Length > 0 && candidate.Any(char.IsAsciiLetterUpper) && LowercaseReferenceRegex().IsMatch(value.ToLowerInvariant()))
        {
            var (_, path) = SplitDomain(candidate);
            return $"invalid reference format: repository name ({path}) must be lowercase";
        }
        return "invalid reference format";
    }

    private static (string Domain, string Path) SplitDomain(string name)
    {
        string domain, path;
        var slash = name.IndexOf('/');
        var first = slash < 0 ? "" : name[..slash];
        if (slash < 0 || (first.IndexOfAny(['.', ':']) < 0 && first != "localhost" && first.ToLowerInvariant() == first))
        {
            domain = DefaultDomain;
            path = name;
        }
        else
        {
            domain = first;
            path = name[(slash + 1)..];
        }
        if (domain == LegacyDefaultDomain) domain = DefaultDomain;
        if (domain == DefaultDomain && !path.Contains('/')) path = OfficialRepositoryPrefix + path;
        return (domain, path);
    }

    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainPattern = "(?:" + DomainComponent + "(?:\\." + DomainComponent + ")*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?";
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private const string AnyCasePathComponent = "[a-zA-Z0-9]+(?:(?:[._]|__|[-]+)[a-zA-Z0-9]+)*";
    private const string TagPattern = "[\\w][\\w.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    [GeneratedRegex("^(?<name>(?:" + DomainPattern + "/)?" + AnyCasePathComponent + "(?:/" + AnyCasePathComponent + ")*)(?::(?<tag>" + TagPattern + "))?(?:@(?<digest>" + DigestPattern + "))?$")]
    private static partial Regex ReferenceRegex();

    [GeneratedRegex("^(?:(?:" + DomainPattern + "/)?" + PathComponent + "(?:/" + PathComponent + ")*)(?::" + TagPattern + ")?(?:@" + DigestPattern + ")?$")]
    private static partial Regex LowercaseReferenceRegex();

    [GeneratedRegex("^" + PathComponent + "(?:/" + PathComponent + ")*$")]
    private static partial Regex PathRegex();

    [GeneratedRegex("^" + DomainPattern + "$")]
    private static partial Regex DomainRegex();

    [GeneratedRegex("^" + TagPattern + "$")]
    private static partial Regex TagRegex();

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex FullHexRegex();
}
