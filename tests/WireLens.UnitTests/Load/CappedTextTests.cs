using WireLens.Load.Processes;

namespace WireLens.UnitTests.Load;

public sealed class CappedTextTests
{
    [Fact]
    public void UnderTheLimit_KeptWhole()
    {
        var text = new CappedText(100);
        text.Append("abc\n");
        text.Append("def");

        Assert.False(text.Truncated);
        Assert.Equal("abc\ndef", text.ToString());
    }

    [Fact]
    public void OverTheLimit_HeadAndTailKept_MiddleMarked()
    {
        // Arrange: a limit of 40 keeps the first 20 characters and at least the last 20.
        var text = new CappedText(40);

        // Act
        for (int i = 0; i < 100; i++)
        {
            text.Append("line\n");
        }

        text.Append("summary: 42\n");
        string kept = text.ToString();

        // Assert
        Assert.True(text.Truncated);
        Assert.StartsWith("line\nline\nline\nline\n\n[wirelens: ", kept, StringComparison.Ordinal);
        Assert.Contains(" characters left out]\n", kept, StringComparison.Ordinal);
        Assert.EndsWith("\nsummary: 42\n", kept, StringComparison.Ordinal);
        Assert.True(kept.Length < 120, kept);
    }
}
