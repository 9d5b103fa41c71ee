using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Berth.Testing;

/// <summary>
/// A token service for distribution's <c>auth.token</c> (docs/spec/auth/jwt.md): checks basic credentials,
/// grants alice every requested action and anonymous users <c>pull</c> only, and signs RS256 JWTs whose
/// <c>x5c</c> header carries the self-signed signing certificate the registry trusts (its rootcertbundle).
/// It also answers distribution's OAuth2 flow (docs/spec/auth/oauth.md): a POST with
/// <c>grant_type=refresh_token</c> and <see cref="RefreshToken"/> is alice's, answered with <c>access_token</c>.
/// </summary>
public sealed class TokenServer : IDisposable
{
    public const string Issuer = "berth-test-issuer";
    public const string Service = "berth-test-registry";
    public const string User = "alice";
    public const string Password = "s3cret";
    public const string RefreshToken = "alice-refresh-token";
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly ScriptedServer _server;
    private int _requests;
    private int _gets;

    public TokenServer()
    {
        var request = new CertificateRequest("CN=berth token signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        _server = new ScriptedServer(HandleAsync);
    }

    public string Realm => $"http://127.0.0.1:{_server.Port}/token";

    public string CertificatePem => _certificate.ExportCertificatePem();

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The forms of the OAuth2 POSTs received, in order.</summary>
    public ConcurrentQueue<NameValueCollection> Posts { get; } = new();

    /// <summary>How many token GETs (basic or anonymous) were received.</summary>
    public int Gets => Volatile.Read(ref _gets);

    public string AuthConfig(string rootBundlePath) =>
        $"auth:\n  token:\n    realm: {Realm}\n    service: {Service}\n    issuer: {Issuer}\n    rootcertbundle: {rootBundlePath}\n";

    private async Task HandleAsync(HttpListenerContext context, int n)
    {
        Interlocked.Increment(ref _requests);
        if (context.Request.HttpMethod == "POST")
        {
            await HandleOAuthAsync(context);
            return;
        }
        Interlocked.Increment(ref _gets);
        var authorization = context.Request.Headers["Authorization"];
        string? subject = null;
        if (authorization is not null)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
            if (decoded != $"{User}:{Password}")
            {
                await ScriptedServer.WriteAsync(context, 401, Encoding.UTF8.GetBytes("{\"details\":\"incorrect username or password\"}"));
                return;
            }
            subject = User;
        }
        var token = Sign(subject ?? "", Access(context.Request.QueryString.GetValues("scope") ?? [], subject));
        await ScriptedServer.WriteAsync(context, 200, Encoding.UTF8.GetBytes(new JsonObject { ["token"] = token, ["expires_in"] = 300 }.ToJsonString()), "application/json");
    }

    private async Task HandleOAuthAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
        Posts.Enqueue(form);
        if (form["grant_type"] != "refresh_token")
        {
            await ScriptedServer.WriteAsync(context, 400, Encoding.UTF8.GetBytes("{\"error\":\"unsupported_grant_type\"}"), "application/json");
            return;
        }
        if (form["refresh_token"] != RefreshToken)
        {
            await ScriptedServer.WriteAsync(context, 401, Encoding.UTF8.GetBytes("{\"error\":\"invalid_grant\"}"), "application/json");
            return;
        }
        var scopes = (form["scope"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var token = Sign(User, Access(scopes, User));
        var answer = new JsonObject { ["access_token"] = token, ["expires_in"] = 300, ["scope"] = string.Join(' ', scopes) };
        await ScriptedServer.WriteAsync(context, 200, Encoding.UTF8.GetBytes(answer.ToJsonString()), "application/json");
    }

    /// <summary>The <c>access</c> claim for <paramref name="scopes"/>: every action for a user, <c>pull</c> for anonymous.</summary>
    private static JsonArray Access(IEnumerable<string> scopes, string? subject)
    {
        var access = new JsonArray();
        foreach (var scope in scopes)
        {
            var parts = scope.Split(':');
            if (parts.Length != 3) continue;
            var granted = parts[2].Split(',').Where(a => subject is not null || a == "pull").Select(a => (JsonNode)a!).ToArray();
            access.Add(new JsonObject { ["type"] = parts[0], ["name"] = parts[1], ["actions"] = new JsonArray(granted) });
        }
        return access;
    }

    private string Sign(string subject, JsonArray access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer, ["sub"] = subject, ["aud"] = Service, ["exp"] = now + 300, ["nbf"] = now - 10, ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"), ["access"] = access,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        _server.Dispose();
        _certificate.Dispose();
        _key.Dispose();
    }
}
