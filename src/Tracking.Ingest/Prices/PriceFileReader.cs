using System.Globalization;
using Tracking.Ingest.Files;

namespace Tracking.Ingest.Prices;

/// <summary>Prices read from a price list, by asset, and what was wrong with its rows.</summary>
public sealed record PriceFile(IReadOnlyDictionary<string, decimal> Prices, IReadOnlyList<RowProblem> Problems);

/// <summary>Reads <c>asset,krw_price,at</c> (UTF-8, comma); for an asset listed twice the latest <c>at</c> wins.</summary>
public static class PriceFileReader
{
    public static PriceFile Read(string path)
    {
        using var file = DelimitedFile.Open(path, DelimitedFile.EncodingNamed("utf-8"), ',', ["asset", "krw_price", "at"]);
        var name = Path.GetFileName(path);
        var problems = new List<RowProblem>();
        var latest = new Dictionary<string, (decimal Price, DateTimeOffset At)>(StringComparer.Ordinal);
        foreach (var row in file.Rows())
        {
            if (row["asset"]?.ToUpperInvariant() is not { } asset)
            {
                problems.Add(new RowProblem(name, row.Line, "no asset", Rejected: true));
            }
            else if (!decimal.TryParse(row["krw_price"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price <= 0)
            {
                problems.Add(new RowProblem(name, row.Line, $"price '{row["krw_price"]}' is not a positive number", Rejected: true));
            }
            else if (!DateTimeOffset.TryParse(row["at"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                problems.Add(new RowProblem(name, row.Line, $"time '{row["at"]}' is not an ISO time with offset", Rejected: true));
            }
            else if (!latest.TryGetValue(asset, out var known) || at >= known.At)
            {
                latest[asset] = (price, at);
            }
        }

        return new PriceFile(latest.ToDictionary(p => p.Key, p => p.Value.Price, StringComparer.Ordinal), file.ProblemsWith(problems));
    }
}
