namespace WireLens.UnitTests;

public class SmokeTests
{
    [Fact]
    public void True_IsTrue() => Assert.True(true);
}
