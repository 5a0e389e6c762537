using System.CommandLine;
using WireLens.Cli.Live;

namespace WireLens.Cli.Commands;

/// <summary>
/// `wirelens compare --tools wrk,hey,ab,curl,builtin [options]`: each tool in turn against the same target with the same
/// options, a pause between runs, one folder per run, then one side-by-side report with a row per run.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var live = new LiveOptions();
        var load = new LoadOptionSet();
        var tools = new Option<string>("--tools") { Description = "Comma-separated tools, run in this order (builtin for the built-in generator).", Required = true };
        var pause = new Option<double>("--pause") { Description = "Seconds between runs.", DefaultValueFactory = _ => 1 };
        var command = new Command("compare", "Run several load tools in turn under capture and report them side by side.") { tools, pause };
        live.AddTo(command);
        load.AddTo(command);
        command.SetAction(parse =>
        {
            string[] names = [.. parse.GetValue(tools)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (names.Length == 0)
            {
                return Cli.Error(Console.Error, "--tools names no tool", ExitCodes.NoResults);
            }

            double pauseSeconds = parse.GetValue(pause);
            if (pauseSeconds is < 0 or > 600 || double.IsNaN(pauseSeconds))
            {
                return Cli.Error(Console.Error, "--pause must be from 0 to 600 seconds", ExitCodes.NoResults);
            }

            if (!load.TryCheck(parse, out string scheme, out string problem))
            {
                return Cli.Error(Console.Error, problem, ExitCodes.NoResults);
            }

            CampaignRun[] runs = [.. names.Select(n => new CampaignRun(n.ToLowerInvariant(), url => load.For(parse, url), scheme))];
            var settings = new CampaignSettings
            {
                Target = parse.GetValue(load.Target),
                Live = live.Read(parse),
                Pause = TimeSpan.FromSeconds(pauseSeconds),
            };
            return Inspection.CampaignUi.Execute(runs, settings, Console.Out, Console.Error);
        });
        return command;
    }
}
