using CsCheck;

namespace WireLens.UnitTests.Fuzz;

/// <summary>The harness itself: same seed, same inputs; an exception stops the run and names the input.</summary>
public class FuzzHarnessTests
{
    [Fact]
    public void Run_SameSeed_SameInputs()
    {
        // Arrange
        var first = new List<string>();
        var second = new List<string>();

        // Act
        FuzzHarness.Run(42, 50, Gen.Byte.Array[0, 16], b => first.Add(FuzzHarness.Hex(b)), FuzzHarness.Hex);
        int executed = FuzzHarness.Run(42, 50, Gen.Byte.Array[0, 16], b => second.Add(FuzzHarness.Hex(b)), FuzzHarness.Hex);

        // Assert
        Assert.Equal(50, executed);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_TargetThrows_FailsWithTheInputAsHex()
    {
        // Arrange
        Gen<byte[]> gen = Gen.Byte.Array[4, 4];

        // Act
        FuzzFindingException finding = Assert.Throws<FuzzFindingException>(() =>
            FuzzHarness.Run(7, 10, gen, b => throw new InvalidOperationException(), FuzzHarness.Hex));

        // Assert
        Assert.Matches("seed 7, input 0: InvalidOperationException: .*\ninput: [0-9A-F]{8}$", finding.Message);
        Assert.IsType<InvalidOperationException>(finding.InnerException);
    }
}
