using System.Security.Cryptography;

namespace Berth.Cli.Tests.Support;

public static class Sha
{
    public static string Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string Digest(byte[] data) => "sha256:" + Hex(data);
}
