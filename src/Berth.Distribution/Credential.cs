namespace Berth.Distribution;

/// <summary>A user name and secret for a registry; an identity token uses the user name <c>&lt;token&gt;</c> as docker does.</summary>
public sealed record Credential(string Username, string Secret)
{
    public override string ToString() => $"Credential {{ Username = {Username} }}";
}
