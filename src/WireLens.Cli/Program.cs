using System.CommandLine;
using WireLens.Cli;
using WireLens.Cli.Commands;

var root = new RootCommand("WireLens: what a load test does to TCP connections, from the wire.")
{
    AnalyzeCommand.Create(),
    DemoCommand.Create(),
    RunCommand.Create(),
    CompareCommand.Create(),
    LiveCommand.Create(),
    InterfacesCommand.Create(),
    TargetCommand.Create(),
    LoadCommand.Create(),
};

try
{
    return root.Parse(args).Invoke();
}
catch (IOException e)
{
    return Cli.Error(Console.Error, e.Message, ExitCodes.NoResults);
}
catch (UnauthorizedAccessException e)
{
    return Cli.Error(Console.Error, e.Message, ExitCodes.NoResults);
}
