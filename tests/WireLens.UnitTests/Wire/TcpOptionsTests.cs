using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Wire;

/// <summary>TCP option decoding (RFC 9293 3.1, RFC 7323, RFC 2018) from annotated option bytes.</summary>
public class TcpOptionsTests
{
    [Fact]
    public void Parse_LinuxSynOptions_DecodesAll()
    {
        TcpOptions options = TcpOptions.Parse(TestPackets.SynOptions);

        Assert.True(options.HasMss);
        Assert.Equal(1460, options.Mss);
        Assert.True(options.SackPermitted);
        Assert.True(options.HasTimestamps);
        Assert.Equal(0x01020304u, options.TsVal);
        Assert.Equal(0u, options.TsEcr);
        Assert.Equal(7, options.WindowScale);
        Assert.Equal(0, options.SackBlockCount);
        Assert.False(options.Malformed);
    }

    [Fact]
    public void Parse_Empty_HasNothing()
    {
        TcpOptions options = TcpOptions.Parse([]);

        Assert.False(options.HasMss);
        Assert.Equal(-1, options.WindowScale);
        Assert.False(options.SackPermitted);
        Assert.False(options.HasTimestamps);
        Assert.Equal(0, options.SackBlockCount);
        Assert.False(options.Malformed);
        Assert.Equal(-1, default(TcpOptions).WindowScale);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Parse_SackBlocks_DecodesEachBlock(int count)
    {
        // Arrange: NOP, NOP, SACK kind 5 length 2 + 8n, then n (left, right) pairs
        var bytes = new List<byte> { 0x01, 0x01, 0x05, (byte)(2 + (8 * count)) };
        for (int i = 0; i < count; i++)
        {
            uint left = 0xFFFF_F000u + (uint)(i * 0x1000);  // the third block wraps past 2^32
            uint right = left + 0x800;
            bytes.AddRange([(byte)(left >> 24), (byte)(left >> 16), (byte)(left >> 8), (byte)left]);
            bytes.AddRange([(byte)(right >> 24), (byte)(right >> 16), (byte)(right >> 8), (byte)right]);
        }

        // Act
        TcpOptions options = TcpOptions.Parse(bytes.ToArray());

        // Assert
        Assert.Equal(count, options.SackBlockCount);
        for (int i = 0; i < count; i++)
        {
            uint left = 0xFFFF_F000u + (uint)(i * 0x1000);
            Assert.Equal((left, left + 0x800), options.GetSackBlock(i));
        }

        Assert.False(options.Malformed);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.GetSackBlock(count));
    }

    [Fact]
    public void Parse_TimestampsAndSack_DecodesBoth()
    {
        byte[] bytes =
        [
            0x01, 0x01,                                                 // NOP, NOP
            0x08, 0x0A, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x63, // timestamps 100 / 99
            0x01, 0x01,                                                 // NOP, NOP
            0x05, 0x12,                                                 // SACK, length 18: two blocks
            0x00, 0x00, 0x03, 0xE8, 0x00, 0x00, 0x07, 0xD0,             // 1000 - 2000
            0x00, 0x00, 0x0B, 0xB8, 0x00, 0x00, 0x0F, 0xA0,             // 3000 - 4000
        ];

        TcpOptions options = TcpOptions.Parse(bytes);

        Assert.True(options.HasTimestamps);
        Assert.Equal(100u, options.TsVal);
        Assert.Equal(99u, options.TsEcr);
        Assert.Equal(2, options.SackBlockCount);
        Assert.Equal((1000u, 2000u), options.GetSackBlock(0));
        Assert.Equal((3000u, 4000u), options.GetSackBlock(1));
    }

    [Fact]
    public void Parse_EndOfOptionList_IgnoresWhatFollows()
    {
        // window scale 2, end of list, then bytes that would be an MSS if read
        TcpOptions options = TcpOptions.Parse([0x03, 0x03, 0x02, 0x00, 0x02, 0x04, 0x05, 0xB4]);

        Assert.Equal(2, options.WindowScale);
        Assert.False(options.HasMss);
        Assert.False(options.Malformed);
    }

    [Fact]
    public void Parse_UnknownOption_IsSkipped()
    {
        // kind 30 (MPTCP), length 4, then MSS
        TcpOptions options = TcpOptions.Parse([0x1E, 0x04, 0x00, 0x81, 0x02, 0x04, 0x23, 0x28]);

        Assert.Equal(9000, options.Mss);
        Assert.False(options.Malformed);
    }

    [Fact]
    public void Parse_WindowScaleAbove14_IsKeptRaw()
    {
        Assert.Equal(15, TcpOptions.Parse([0x03, 0x03, 0x0F, 0x00]).WindowScale);
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x04, 0x05, 0xB4, 0x08, 0x00, 0x00, 0x00 })]       // length 0
    [InlineData(new byte[] { 0x02, 0x04, 0x05, 0xB4, 0x08, 0x01, 0x00, 0x00 })]       // length 1
    [InlineData(new byte[] { 0x02, 0x04, 0x05, 0xB4, 0x08, 0x0A, 0x00, 0x00 })]       // length 10 overruns the space
    [InlineData(new byte[] { 0x02, 0x04, 0x05, 0xB4, 0x01, 0x01, 0x01, 0x08 })]       // kind with no length byte
    public void Parse_ImpossibleLength_StopsWithMalformedKeepingEarlierOptions(byte[] bytes)
    {
        TcpOptions options = TcpOptions.Parse(bytes);

        Assert.True(options.Malformed);
        Assert.True(options.HasMss);
        Assert.Equal(1460, options.Mss);
        Assert.False(options.HasTimestamps);
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x03, 0x05, 0x03, 0x03, 0x05, 0x00, 0x00 })]       // MSS length 3
    [InlineData(new byte[] { 0x04, 0x03, 0x00, 0x03, 0x03, 0x05, 0x00, 0x00 })]       // SACK permitted length 3
    [InlineData(new byte[] { 0x05, 0x03, 0x00, 0x03, 0x03, 0x05, 0x00, 0x00 })]       // SACK length 3 (not 2 + 8n)
    [InlineData(new byte[] { 0x08, 0x03, 0x00, 0x03, 0x03, 0x05, 0x00, 0x00 })]       // timestamps length 3
    public void Parse_KnownKindWrongLength_IsMalformedAndDecodingGoesOn(byte[] bytes)
    {
        TcpOptions options = TcpOptions.Parse(bytes);

        Assert.True(options.Malformed);
        Assert.False(options.HasMss);
        Assert.False(options.SackPermitted);
        Assert.Equal(0, options.SackBlockCount);
        Assert.False(options.HasTimestamps);
        Assert.Equal(5, options.WindowScale);   // the window scale after it still decodes
    }
}
