using System.CommandLine;
using WireLens.Cli.Live;
using WireLens.Reporting.Attribution;

namespace WireLens.Cli.Commands;

/// <summary>
/// `wirelens run [--tool NAME] [--target URL] [options] [-- tool args]`: capture while one load tool runs (the built-in
/// generator when none is named), save the capture and its manifest, then print the run's report.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var live = new LiveOptions();
        var load = new LoadOptionSet();
        var tool = new Option<string>("--tool") { Description = "The load tool: builtin, wrk, hey, ab, curl, h2load, siege or vegeta.", DefaultValueFactory = _ => ToolNames.Builtin };
        var command = new Command("run", "Capture while one load tool runs against a target, then report what it did to connections.") { tool };
        live.AddTo(command);
        load.AddTo(command);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(tool)!;
            if (!load.TryCheck(parse, out string scheme, out string problem))
            {
                return Cli.Error(Console.Error, problem, ExitCodes.NoResults);
            }

            CampaignRun run = new(name, url => load.For(parse, url), scheme);
            var settings = new CampaignSettings { Target = parse.GetValue(load.Target), Live = live.Read(parse) };
            return Inspection.CampaignUi.Execute([run], settings, Console.Out, Console.Error);
        });
        return command;
    }
}
