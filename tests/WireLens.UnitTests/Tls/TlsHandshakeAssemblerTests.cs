using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

public class TlsHandshakeAssemblerTests
{
    private static List<byte[]> RecordPayloads(byte[] stream)
    {
        List<byte[]> payloads = [];
        ReadOnlySpan<byte> rest = stream;
        while (!rest.IsEmpty)
        {
            Assert.Equal(TlsParseStatus.Done, TlsRecordReader.TryReadRecord(rest, out _, out ReadOnlySpan<byte> fragment, out int consumed, out _));
            payloads.Add(fragment.ToArray());
            rest = rest[consumed..];
        }

        return payloads;
    }

    // Reads every message the assembler can give now; asserts the call ends in NeedMoreData.
    private static void Drain(TlsHandshakeAssembler assembler, List<(TlsHandshakeType Type, byte[] Body)> messages)
    {
        TlsParseStatus status;
        while ((status = assembler.TryReadMessage(out TlsHandshakeType type, out ReadOnlySpan<byte> body, out _)) == TlsParseStatus.Done)
        {
            messages.Add((type, body.ToArray()));
        }

        Assert.Equal(TlsParseStatus.NeedMoreData, status);
    }

    private static List<(TlsHandshakeType Type, byte[] Body)> OneRecordPerCall(IEnumerable<byte[]> payloads)
    {
        var assembler = new TlsHandshakeAssembler();
        List<(TlsHandshakeType, byte[])> messages = [];
        foreach (byte[] payload in payloads)
        {
            assembler.AddRecordPayload(payload);
            Drain(assembler, messages);
        }

        Assert.Equal(0, assembler.BufferedLength);
        return messages;
    }

    [Fact]
    public void TryReadMessage_ServerFlightOneRecordPerCall_FourMessages()
    {
        List<(TlsHandshakeType Type, byte[] Body)> messages = OneRecordPerCall(RecordPayloads(TlsTestVectors.ServerFlightTls12));

        // tshark: tls.handshake.type 2,11,12,14 with tls.handshake.length 76,391,112,0
        Assert.Equal(
            [TlsHandshakeType.ServerHello, TlsHandshakeType.Certificate, TlsHandshakeType.ServerKeyExchange, TlsHandshakeType.ServerHelloDone],
            messages.Select(m => m.Type));
        Assert.Equal([76, 391, 112, 0], messages.Select(m => m.Body.Length));
        Assert.Equal(TlsHelloCases.Body(TlsTestVectors.ServerHelloTls12), messages[0].Body);
    }

    [Fact]
    public void TryReadMessage_OneBytePerCall_SameMessages()
    {
        List<(TlsHandshakeType Type, byte[] Body)> expected = OneRecordPerCall(RecordPayloads(TlsTestVectors.ServerFlightTls12));
        var assembler = new TlsHandshakeAssembler();
        List<(TlsHandshakeType Type, byte[] Body)> messages = [];

        foreach (byte[] payload in RecordPayloads(TlsTestVectors.ServerFlightTls12))
        {
            foreach (byte b in payload)
            {
                assembler.AddRecordPayload([b]);
                Drain(assembler, messages);
            }
        }

        Assert.Equal(expected.Count, messages.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Type, messages[i].Type);
            Assert.Equal(expected[i].Body, messages[i].Body);
        }
    }

    [Fact]
    public void TryReadMessage_SeveralMessagesInOneRecord_AllReturned()
    {
        List<(TlsHandshakeType Type, byte[] Body)> expected = OneRecordPerCall(RecordPayloads(TlsTestVectors.ServerFlightTls12));
        byte[] oneRecord = [.. RecordPayloads(TlsTestVectors.ServerFlightTls12).SelectMany(p => p)];

        List<(TlsHandshakeType Type, byte[] Body)> messages = OneRecordPerCall([oneRecord]);

        Assert.Equal(expected.Select(m => m.Type), messages.Select(m => m.Type));
        Assert.Equal(expected.Select(m => m.Body.Length), messages.Select(m => m.Body.Length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(100)]
    public void TryReadMessage_ClientHelloSplitAcrossRecords_OneMessage(int recordSize)
    {
        byte[] message = TlsTestVectors.ClientHelloTls13[TlsRecordReader.HeaderLength..];
        IEnumerable<byte[]> records = message.Chunk(recordSize);

        List<(TlsHandshakeType Type, byte[] Body)> messages = OneRecordPerCall(records);

        (TlsHandshakeType type, byte[] body) = Assert.Single(messages);
        Assert.Equal(TlsHandshakeType.ClientHello, type);
        Assert.Equal(TlsHelloCases.Body(TlsTestVectors.ClientHelloTls13), body);
    }

    [Theory]
    [MemberData(nameof(TlsHelloCases.RecordPrefixes), MemberType = typeof(TlsHelloCases))]
    public void TryReadMessage_EveryPrefixOfHelloRecord_NeedMoreDataNeverDone(string name, int length)
    {
        // Arrange: the stream so far is a prefix of one hello record.
        ReadOnlySpan<byte> stream = TlsHelloCases.All[name].Record.AsSpan(0, length);

        // Act: the record layer must wait; whatever part of the fragment is visible goes to the assembler.
        TlsParseStatus record = TlsRecordReader.TryReadRecord(stream, out _, out _, out _, out _);
        var assembler = new TlsHandshakeAssembler();
        if (stream.Length > TlsRecordReader.HeaderLength)
        {
            assembler.AddRecordPayload(stream[TlsRecordReader.HeaderLength..]);
        }

        TlsParseStatus message = assembler.TryReadMessage(out _, out _, out TlsMalformedReason reason);

        // Assert
        Assert.Equal(TlsParseStatus.NeedMoreData, record);
        Assert.Equal(TlsParseStatus.NeedMoreData, message);
        Assert.Equal(TlsMalformedReason.None, reason);
    }

    [Theory]
    [InlineData(0xFFFFFF)]
    [InlineData(TlsHandshakeAssembler.DefaultMaxMessageLength + 1)]
    public void TryReadMessage_LengthOverLimit_MalformedAndSticky(int length)
    {
        var assembler = new TlsHandshakeAssembler();
        assembler.AddRecordPayload([0x0b, (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0x00]);

        TlsParseStatus first = assembler.TryReadMessage(out _, out _, out TlsMalformedReason reason);
        assembler.AddRecordPayload([0x0e, 0x00, 0x00, 0x00]);
        TlsParseStatus second = assembler.TryReadMessage(out _, out _, out TlsMalformedReason secondReason);

        Assert.Equal(TlsParseStatus.Malformed, first);
        Assert.Equal(TlsMalformedReason.HandshakeMessageTooLarge, reason);
        Assert.Equal(TlsParseStatus.Malformed, second);
        Assert.Equal(TlsMalformedReason.HandshakeMessageTooLarge, secondReason);
    }

    [Fact]
    public void TryReadMessage_MaximumLengthMessage_Done()
    {
        const int Length = TlsHandshakeAssembler.DefaultMaxMessageLength;
        var assembler = new TlsHandshakeAssembler();
        assembler.AddRecordPayload([0x0b, Length >> 16, (Length >> 8) & 0xFF, Length & 0xFF]);
        Assert.Equal(TlsParseStatus.NeedMoreData, assembler.TryReadMessage(out _, out _, out _));

        foreach (byte[] chunk in new byte[Length].Chunk(1 << 14))
        {
            assembler.AddRecordPayload(chunk);
        }

        Assert.Equal(TlsParseStatus.Done, assembler.TryReadMessage(out TlsHandshakeType type, out ReadOnlySpan<byte> body, out _));
        Assert.Equal(TlsHandshakeType.Certificate, type);
        Assert.Equal(Length, body.Length);
    }

    [Fact]
    public void AddRecordPayload_CallerNeverDrains_BufferOverflowMalformed()
    {
        var assembler = new TlsHandshakeAssembler();

        // Complete zero-length messages pile up when nobody reads them; the buffer is still bounded.
        for (int i = 0; i < 100; i++)
        {
            assembler.AddRecordPayload(new byte[1 << 14]);
        }

        Assert.Equal(TlsParseStatus.Malformed, assembler.TryReadMessage(out _, out _, out TlsMalformedReason reason));
        Assert.Equal(TlsMalformedReason.HandshakeBufferOverflow, reason);
        Assert.True(assembler.BufferedLength <= TlsHandshakeAssembler.HeaderLength + TlsHandshakeAssembler.DefaultMaxMessageLength + TlsRecordReader.MaxRecordLength);
    }

    [Fact]
    public void Reset_AfterMalformed_AcceptsNewMessages()
    {
        var assembler = new TlsHandshakeAssembler();
        assembler.AddRecordPayload([0x01, 0xFF, 0xFF, 0xFF]);
        Assert.Equal(TlsParseStatus.Malformed, assembler.TryReadMessage(out _, out _, out _));

        assembler.Reset();
        assembler.AddRecordPayload([0x0e, 0x00, 0x00, 0x00]);

        Assert.Equal(TlsParseStatus.Done, assembler.TryReadMessage(out TlsHandshakeType type, out ReadOnlySpan<byte> body, out _));
        Assert.Equal(TlsHandshakeType.ServerHelloDone, type);
        Assert.True(body.IsEmpty);
    }
}
