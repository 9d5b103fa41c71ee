using System.Buffers.Binary;
using System.Text;

namespace Berth.Networking.Dns;

/// <summary>
/// The few parts of the DNS wire format (RFC 1035 §4) the embedded server needs: read a query's single question,
/// write an answer of A records or an empty answer with a response code. Anything else is forwarded untouched.
/// </summary>
public static class DnsMessage
{
    public const int HeaderLength = 12;
    public const byte NoError = 0, ServerFailure = 2, NameError = 3;

    /// <summary>The query's first question; null for a response, a truncated packet or a malformed name.</summary>
    public static DnsQuestion? ReadQuestion(ReadOnlySpan<byte> packet, out int questionEnd)
    {
        questionEnd = 0;
        if (packet.Length < HeaderLength || (packet[2] & 0x80) != 0) return null;
        if (BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) < 1) return null;
        var name = new StringBuilder();
        var offset = HeaderLength;
        while (true)
        {
            if (offset >= packet.Length) return null;
            var length = packet[offset++];
            if (length == 0) break;
            // Compression pointers never occur in a query's first name; a label is at most 63 bytes.
            if (length > 63 || offset + length > packet.Length) return null;
            if (name.Length > 0) name.Append('.');
            name.Append(Encoding.ASCII.GetString(packet.Slice(offset, length)));
            offset += length;
        }
        if (offset + 4 > packet.Length) return null;
        questionEnd = offset + 4;
        return new DnsQuestion(name.ToString(), BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]), BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
    }

    /// <summary>
    /// The response to <paramref name="query"/>: its header and question echoed, recursion available, the given
    /// response code and one A record per address (name by pointer to the question, TTL 600 as Docker's).
    /// </summary>
    public static byte[] Answer(ReadOnlySpan<byte> query, int questionEnd, byte responseCode, IReadOnlyList<uint> addresses)
    {
        var response = new byte[questionEnd + addresses.Count * 16];
        query[..questionEnd].CopyTo(response);
        // QR=1, opcode and RD kept from the query, AA=0; RA=1 and the response code.
        response[2] = (byte)(0x80 | (query[2] & 0x79));
        response[3] = (byte)(0x80 | responseCode);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(6), (ushort)addresses.Count);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(10), 0);
        var offset = questionEnd;
        foreach (var address in addresses)
        {
            var record = response.AsSpan(offset, 16);
            BinaryPrimitives.WriteUInt16BigEndian(record, 0xC000 | HeaderLength);
            BinaryPrimitives.WriteUInt16BigEndian(record[2..], DnsQuestion.TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(record[4..], DnsQuestion.ClassIn);
            BinaryPrimitives.WriteUInt32BigEndian(record[6..], 600);
            BinaryPrimitives.WriteUInt16BigEndian(record[10..], 4);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], address);
            offset += 16;
        }
        return response;
    }
}
