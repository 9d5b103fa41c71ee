namespace Berth.Distribution.Tests;

public sealed class AuthChallengeParserTests
{
    [Fact]
    public void Bearer_challenge_with_quoted_values_and_escapes_is_parsed()
    {
        var challenge = Assert.Single(AuthChallengeParser.Parse(
            ["Bearer realm=\"https://auth.example/token\",service=\"reg \\\"one\\\"\",scope=\"repository:a/b:pull,push\""]));
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.example/token", challenge["realm"]);
        Assert.Equal("reg \"one\"", challenge["service"]);
        Assert.Equal("repository:a/b:pull,push", challenge["scope"]);
    }

    [Fact]
    public void Several_challenges_in_one_header_and_across_headers_are_all_returned()
    {
        var challenges = AuthChallengeParser.Parse(["Basic realm=\"x\", Bearer realm=\"https://t\",service=s", "Negotiate"]);
        Assert.Equal(["Basic", "Bearer", "Negotiate"], challenges.Select(c => c.Scheme));
        Assert.Equal("s", challenges[1]["service"]);
        Assert.Equal("x", challenges[0]["realm"]);
    }
}
