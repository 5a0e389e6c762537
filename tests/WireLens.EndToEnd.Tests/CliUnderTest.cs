using WireLens.Load.Processes;

namespace WireLens.EndToEnd.Tests;

/// <summary>
/// The CLI the end-to-end tests start as a child process. <c>WIRELENS_TEST_CLI</c>, when set, names the binary to run:
/// <c>./test.sh</c> points it at the launcher's build (<c>artifacts/cli/wirelens</c>, the NativeAOT binary users run),
/// so the tests check what ships. Unset (a test run from an IDE), the test build's own CLI (<see cref="SelfCommand"/>).
/// </summary>
internal static class CliUnderTest
{
    public const string Variable = "WIRELENS_TEST_CLI";

    /// <summary>The program and the arguments that come before the command's own.</summary>
    public static (string File, IReadOnlyList<string> Prefix) Resolve() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } binary ? (binary, []) : SelfCommand.Resolve();
}
