using Tracking.TestingHost;

namespace Tracking.Silo.Tests;

/// <summary>The sample roll's names, phones and registration numbers, for scans that must find none of them; never printed.</summary>
public static class RollPersonalData
{
    public static IEnumerable<string> Values()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Samples, "taxpayers.csv"));
        var header = lines[0].Split(',');
        var fields = new[] { "name", "rrn", "phone" }.Select(f => Array.IndexOf(header, f)).Where(i => i >= 0).ToArray();
        Assert.Equal(3, fields.Length);
        return lines.Skip(1).Select(l => l.Split(',')).SelectMany(cells => fields.Where(i => i < cells.Length).Select(i => cells[i].Trim('"')))
            .Where(v => v.Length >= 3).Distinct();
    }
}
