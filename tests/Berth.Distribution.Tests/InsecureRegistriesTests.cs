namespace Berth.Distribution.Tests;

public sealed class InsecureRegistriesTests
{
    private static readonly InsecureRegistries Entries = new(["myregistry:5000", "plainhost", "10.1.0.0/16"]);

    [Theory]
    [InlineData("myregistry:5000", true)]
    [InlineData("myregistry:5001", false)]
    [InlineData("myregistry", false)]
    [InlineData("plainhost", true)]
    [InlineData("plainhost:443", true)]
    [InlineData("10.1.2.3:5000", true)]
    [InlineData("10.2.0.1", false)]
    [InlineData("other", false)]
    public void Authorities_are_insecure_by_host_port_host_or_network(string authority, bool expected) =>
        Assert.Equal(expected, Entries.IsInsecure(authority));

    [Theory]
    [InlineData("myregistry", true)]
    [InlineData("MyRegistry", true)]
    [InlineData("plainhost", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("other", false)]
    [InlineData("10.2.0.1", false)]
    public void Tls_host_names_are_insecure_when_any_entry_names_the_host(string host, bool expected) =>
        Assert.Equal(expected, Entries.IsInsecureHost(host));
}
