using WireLens.Reporting.Text;

namespace WireLens.UnitTests.Reporting;

public class WireTextTests
{
    [Theory]
    [InlineData("\u001b[31mred", "\\x1B[31mred")]
    [InlineData("a\u202Eb", "a\\u{202E}b")]
    [InlineData("\u200E\u200F\u202A\u2066\u2069", "\\u{200E}\\u{200F}\\u{202A}\\u{2066}\\u{2069}")]
    [InlineData("del\u007F", "del\\x7F")]
    [InlineData("tab\there", "tab\\x09here")]
    [InlineData("\0\r\n", "\\x00\\x0D\\x0A")]
    [InlineData("c1\u0080\u009F", "c1\\x80\\x9F")]
    public void EscapeControl_ControlCharacters_AreMadeVisible(string input, string expected)
    {
        Assert.Equal(expected, WireText.EscapeControl(input));
    }

    [Fact]
    public void EscapeControl_LoneSurrogates_Escaped()
    {
        // Built at run time: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        string input = "lone" + (char)0xD800 + "x" + (char)0xDC00;

        Assert.Equal("lone\\u{D800}x\\u{DC00}", WireText.EscapeControl(input));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64)")]
    [InlineData("caf\u00e9 \u00a0\u00ff")]
    [InlineData("\u2070\u202F\u2065")]
    [InlineData("emoji \U0001F600")]
    [InlineData("back\\slash \\x1B")]
    [InlineData("")]
    public void EscapeControl_OrdinaryText_IsUnchanged(string input)
    {
        Assert.Equal(input, WireText.EscapeControl(input));
    }

    [Theory]
    [InlineData("=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("curl/8.5.0", "curl/8.5.0")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void CsvSafe_FormulaStart_GetsApostrophe(string input, string expected)
    {
        Assert.Equal(expected, WireText.CsvSafe(input));
    }

    [Theory]
    [InlineData("\t=1", "\\x09=1")]
    [InlineData("\r@x", "\\x0D@x")]
    [InlineData("\u001b=1", "\\x1B=1")]
    [InlineData("=\u001b", "'=\\x1B")]
    public void CsvSafe_ControlCharacters_EscapedBeforeFormulaCheck(string input, string expected)
    {
        Assert.Equal(expected, WireText.CsvSafe(input));
    }

    [Theory]
    [InlineData(new[] { "h2", "http/1.1" }, "h2;http/1.1")]
    [InlineData(new[] { "a;b", "c" }, "a\\x3Bb;c")]
    [InlineData(new[] { "x\u001b;", ";" }, "x\\x1B\\x3B;\\x3B")]
    [InlineData(new[] { "only" }, "only")]
    [InlineData(new[] { "", "h2" }, ";h2")]
    [InlineData(new string[0], "")]
    public void CsvSafeList_Items_EscapedOneByOneThenJoined(string[] items, string expected)
    {
        Assert.Equal(expected, WireText.CsvSafeList(items));
    }

    [Theory]
    [InlineData(new[] { "=1+2", "h2" }, "'=1+2;h2")]
    [InlineData(new[] { "h2", "=1+2", "-x" }, "h2;'=1+2;'-x")]
    [InlineData(new[] { "\t=1", "h2" }, "\\x09=1;h2")]
    [InlineData(new[] { "", "=1" }, ";'=1")]
    [InlineData(new[] { "a=b", "@" }, "a=b;'@")]
    public void CsvSafeList_FormulaNeutralisation_AppliesToTheCellAndEveryItem(string[] items, string expected)
    {
        Assert.Equal(expected, WireText.CsvSafeList(items));
    }

    [Fact]
    public void CsvSafeList_SplitOnSeparator_GivesOneCellPerItem()
    {
        string[] items = ["a;b;c", "\u001b;x", "h2"];

        string[] split = WireText.CsvSafeList(items).Split(WireText.ListSeparator);

        Assert.Equal(["a\\x3Bb\\x3Bc", "\\x1B\\x3Bx", "h2"], split);
    }
}
