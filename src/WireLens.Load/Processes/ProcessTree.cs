namespace WireLens.Load.Processes;

/// <summary>A process's descendants, from the parent ids in /proc/PID/stat (Linux).</summary>
public static class ProcessTree
{
    /// <summary>The ids of every living descendant of <paramref name="pid"/>, parents before their children; empty off Linux.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        try
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out int child) && ParentOf(dir) is { } parent)
                {
                    if (!children.TryGetValue(parent, out List<int>? list))
                    {
                        children[parent] = list = [];
                    }

                    list.Add(child);
                }
            }
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }

        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out int next))
        {
            if (children.TryGetValue(next, out List<int>? list))
            {
                foreach (int child in list)
                {
                    found.Add(child);
                    queue.Enqueue(child);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The fourth field of /proc/PID/stat, after the command name in parentheses (which may itself hold spaces and
    /// parentheses, hence the last ')'); null when the process is gone or the line unreadable.
    /// </summary>
    private static int? ParentOf(string procDir)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(procDir, "stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        int close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        string[] fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && int.TryParse(fields[1], out int parent) ? parent : null;
    }
}
