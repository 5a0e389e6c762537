using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

public class TlsHelloRobustnessTests
{
    [Theory]
    [MemberData(nameof(TlsHelloCases.Names), MemberType = typeof(TlsHelloCases))]
    public void TryParse_EveryPrefixOfBody_NeverThrowsNeverDoneWithWrongData(string name)
    {
        (byte[] record, bool isServer, _) = TlsHelloCases.All[name];
        byte[] body = TlsHelloCases.Body(record);

        for (int length = 0; length < body.Length; length++)
        {
            // A body is complete by definition, so a prefix is a different, shorter hello: it may only parse when it
            // ends exactly after the compression fields (a legal hello without extensions).
            TlsParseStatus status = TlsHelloCases.Parse(isServer, body.AsSpan(0, length), out object? info, out TlsMalformedReason reason);

            Assert.NotEqual(TlsParseStatus.NeedMoreData, status);
            if (status == TlsParseStatus.Done)
            {
                IReadOnlyList<TlsExtensionType> types = info is ClientHelloInfo c ? c.ExtensionTypes : ((ServerHelloInfo)info!).ExtensionTypes;
                Assert.Empty(types);
                Assert.Equal(TlsMalformedReason.None, reason);
            }
            else
            {
                Assert.Null(info);
                Assert.NotEqual(TlsMalformedReason.None, reason);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TlsHelloCases.LengthFields), MemberType = typeof(TlsHelloCases))]
    public void TryParse_LengthFieldSetToMaximum_Malformed(string name, int offset, int size)
    {
        // Arrange: every length field of a real hello lies by claiming its maximum.
        (byte[] record, bool isServer, _) = TlsHelloCases.All[name];
        byte[] body = TlsHelloCases.Body(record);
        body.AsSpan(offset, size).Fill(0xFF);

        // Act
        TlsParseStatus status = TlsHelloCases.Parse(isServer, body, out object? info, out TlsMalformedReason reason);

        // Assert
        Assert.Equal(TlsParseStatus.Malformed, status);
        Assert.NotEqual(TlsMalformedReason.None, reason);
        Assert.Null(info);
    }

    [Theory]
    [MemberData(nameof(TlsHelloCases.Names), MemberType = typeof(TlsHelloCases))]
    public void TryReadMessage_RecordOrHandshakeLengthAtMaximum_Malformed(string name)
    {
        byte[] record = (byte[])TlsHelloCases.All[name].Record.Clone();
        byte[] handshake = (byte[])record.Clone();
        record.AsSpan(3, 2).Fill(0xFF);         // TLSPlaintext.length
        handshake.AsSpan(6, 3).Fill(0xFF);      // Handshake.length (uint24)

        TlsParseStatus recordStatus = TlsRecordReader.TryReadRecordHeader(record, out _, out TlsMalformedReason recordReason);
        var assembler = new TlsHandshakeAssembler();
        assembler.AddRecordPayload(handshake.AsSpan(TlsRecordReader.HeaderLength));
        TlsParseStatus messageStatus = assembler.TryReadMessage(out _, out _, out TlsMalformedReason messageReason);

        Assert.Equal(TlsParseStatus.Malformed, recordStatus);
        Assert.Equal(TlsMalformedReason.RecordLengthTooLarge, recordReason);
        Assert.Equal(TlsParseStatus.Malformed, messageStatus);
        Assert.Equal(TlsMalformedReason.HandshakeMessageTooLarge, messageReason);
    }

    [Theory]
    [MemberData(nameof(TlsHelloCases.Names), MemberType = typeof(TlsHelloCases))]
    public void TryParse_RandomByteCorruption_NeverThrows(string name)
    {
        (byte[] record, bool isServer, _) = TlsHelloCases.All[name];
        byte[] original = TlsHelloCases.Body(record);
        var random = new Random(name.Length * 7919);

        for (int i = 0; i < 2000; i++)
        {
            byte[] body = (byte[])original.Clone();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                body[random.Next(body.Length)] = (byte)random.Next(256);
            }

            TlsParseStatus status = TlsHelloCases.Parse(isServer, body, out object? info, out TlsMalformedReason reason);

            Assert.Equal(status == TlsParseStatus.Done, info is not null);
            Assert.Equal(status == TlsParseStatus.Done, reason == TlsMalformedReason.None);
        }
    }
}
