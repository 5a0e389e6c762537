using Terminal.Gui.App;
using Terminal.Gui.Configuration;

namespace WireLens.Tui;

/// <summary>Runs the terminal UI over a feed of snapshots until the user quits.</summary>
public static class Inspector
{
    /// <summary>
    /// Creates the application (the platform's default driver), shows <see cref="InspectorWindow"/>, refreshes it from
    /// <paramref name="feed"/> every <see cref="InspectorOptions.Refresh"/> on the UI thread, and returns when the user
    /// quits (q or Ctrl-C, which also call <see cref="IInspectionFeed.RequestStop"/>); the terminal is restored.
    /// </summary>
    public static void Run(IInspectionFeed feed, InspectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.AsciiCharts && !LocaleIsUtf8())
        {
            options = options with { AsciiCharts = true };
        }

        ApplyConfiguration();
        using IApplication app = Application.Create();
        app.Init();
        Run(app, feed, options);
    }

    /// <summary>
    /// Binds Terminal.Gui's configuration (themes, key bindings, glyphs, from its defaults and the user's files) as the
    /// library's module initializer does. The NativeAOT build leaves that initializer out
    /// (src/WireLens.Cli/TerminalGui.Substitutions.xml): it ran for every command, UI or not, and took two thirds of
    /// the start (17 of 27 ms). Applying it again in a build that kept it changes nothing. As in the initializer, a
    /// value the configuration binder cannot bind (its <see cref="InvalidOperationException"/>) leaves the defaults and
    /// is reported by Terminal.Gui at shutdown.
    /// </summary>
    private static void ApplyConfiguration()
    {
        try
        {
            TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
        }
        catch (InvalidOperationException e)
        {
            TuiJsonErrors.Add($"Applying configuration failed: {e.Message}. Running with default settings.");
        }
    }

    /// <summary>
    /// Runs the inspector in <paramref name="app"/>, already initialised (tests use the ANSI driver and
    /// <see cref="IApplication.StopAfterFirstIteration"/>); returns when the user quits. The caller disposes the app.
    /// </summary>
    public static void Run(IApplication app, IInspectionFeed feed, InspectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(options);
        using var window = new InspectorWindow(app, feed, options);
        TimeSpan interval = options.Refresh > TimeSpan.Zero ? options.Refresh : TimeSpan.FromMilliseconds(250);
        object? token = app.AddTimeout(interval, () =>
        {
            if (options.Closing.IsCancellationRequested)
            {
                app.RequestStop();
                return false;
            }

            window.Refresh();
            return true;
        });
        try
        {
            app.Run(window);
        }
        finally
        {
            if (token is not null)
            {
                app.RemoveTimeout(token);
            }
        }
    }

    /// <summary>The first of LC_ALL, LC_CTYPE, LANG that is set names UTF-8 (or none is set, as on Windows terminals).</summary>
    internal static bool LocaleIsUtf8()
    {
        foreach (string name in (string[])["LC_ALL", "LC_CTYPE", "LANG"])
        {
            string? value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(value))
            {
                return value.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || value.Contains("utf8", StringComparison.OrdinalIgnoreCase);
            }
        }

        return true;
    }
}
