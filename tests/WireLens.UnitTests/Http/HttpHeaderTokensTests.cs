using WireLens.Analysis.Http;

namespace WireLens.UnitTests.Http;

public class HttpHeaderTokensTests
{
    [Theory]
    [InlineData("close", true)]
    [InlineData("CLOSE", true)]
    [InlineData("keep-alive, close", true)]
    [InlineData(" keep-alive ,\tclose\t", true)]
    [InlineData(",,close,,", true)]
    [InlineData("keep-alive", false)]
    [InlineData("closed", false)]
    [InlineData("clo se", false)]
    [InlineData("", false)]
    public void ContainsToken_CloseInList_MatchesWholeElementsIgnoringCase(string value, bool expected)
    {
        Assert.Equal(expected, HttpHeaderTokens.ContainsToken(HttpScript.Latin1(value), "close"u8));
    }

    [Theory]
    [InlineData("chunked", "chunked")]
    [InlineData("gzip, chunked", "chunked")]
    [InlineData("chunked, gzip ", "gzip")]
    [InlineData("chunked , ,", "chunked")]
    [InlineData("", "")]
    public void LastToken_List_ReturnsFinalElement(string value, string expected)
    {
        Assert.Equal(HttpScript.Latin1(expected), HttpHeaderTokens.LastToken(HttpScript.Latin1(value)).ToArray());
    }
}
