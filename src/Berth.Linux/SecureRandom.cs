namespace Berth.Linux;

/// <summary>
/// Random bytes straight from the kernel (getrandom(2), blocking only until the pool is first seeded at boot).
/// .NET's RandomNumberGenerator on Linux initialises OpenSSL on first use (loading libssl and libcrypto and
/// reading openssl.cnf: milliseconds), which a short-lived process that needs a few random IDs should not pay.
/// </summary>
public static unsafe class SecureRandom
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    public static void Fill(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var n = Libc.GetRandom(start + done, (nuint)(buffer.Length - done), 0);
                if (n >= 0)
                {
                    done += (int)n;
                    continue;
                }
                var e = LinuxIOException.FromLastError("getrandom", null);
                if (e.Errno != Errno.EINTR) throw e;
            }
        }
    }

    /// <summary><paramref name="bytes"/> random bytes as lower-case hex (Docker's 64-digit IDs are 32 bytes).</summary>
    public static string HexString(int bytes)
    {
        Span<byte> buffer = bytes <= 256 ? stackalloc byte[bytes] : new byte[bytes];
        Fill(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
