using System.Diagnostics;

namespace WireLens.UnitTests.Capture;

/// <summary>Runs a command-line tool to completion and returns its standard output, failing the test on a non-zero exit.</summary>
internal static class ToolRunner
{
    public static string Run(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string errorText = error.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errorText}");
        return output;
    }
}
