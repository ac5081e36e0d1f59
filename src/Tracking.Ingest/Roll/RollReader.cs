using System.Globalization;
using Tracking.Domain;
using Tracking.Domain.Identity;
using Tracking.Domain.Ledger;
using Tracking.Domain.Taxpayers;
using Tracking.Ingest.Files;

namespace Tracking.Ingest.Roll;

/// <summary>
/// Reads the local-tax system's roll: <c>taxpayers.csv</c> and <c>tax_items.csv</c> (UTF-8, comma,
/// header). RRNs leave this reader only as keyed hash and mask.
/// </summary>
public static class RollReader
{
    private static readonly string[] s_taxpayerColumns = ["taxpayer_id", "name", "rrn", "birth_date", "phone", "address"];
    private static readonly string[] s_itemColumns = ["taxpayer_id", "item_id", "tax_type", "principal_krw", "penalty_krw", "costs_krw", "due_date"];

    public static RollFile Read(string taxpayersPath, string taxItemsPath, ReadOnlySpan<byte> rrnKey)
    {
        var problems = new List<RowProblem>();
        var taxpayers = ReadTaxpayers(taxpayersPath, rrnKey, problems);
        var items = ReadItems(taxItemsPath, taxpayers.Select(t => t.TaxpayerId).ToHashSet(StringComparer.Ordinal), problems);
        return new RollFile(taxpayers, items, problems, taxpayers.Count + items.Sum(i => i.Value.Count) + problems.Count(p => p.Rejected));
    }

    private static List<TaxpayerProfile> ReadTaxpayers(string path, ReadOnlySpan<byte> rrnKey, List<RowProblem> problems)
    {
        var name = Path.GetFileName(path);
        using var file = DelimitedFile.Open(path, DelimitedFile.EncodingNamed("utf-8"), ',', s_taxpayerColumns);
        var found = new List<RowProblem>();
        var taxpayers = new List<TaxpayerProfile>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows())
        {
            if (row["taxpayer_id"] is not { } id || row["name"] is not { } fullName)
            {
                found.Add(new RowProblem(name, row.Line, "taxpayer_id and name are required", true));
                continue;
            }

            if (IdFormat.Problem("taxpayer_id", id, IdFormat.TaxpayerId) is { } badId)
            {
                found.Add(new RowProblem(name, row.Line, badId, true));
                continue;
            }

            if (seen.TryGetValue(id, out var firstLine))
            {
                found.Add(new RowProblem(name, row.Line, $"taxpayer {id} already listed at line {firstLine}", true));
                continue;
            }

            seen[id] = row.Line;
            void Warn(string reason) => found.Add(new RowProblem(name, row.Line, reason, Rejected: false));
            var rrn = IdentityFields.Rrn(row["rrn"], rrnKey, Warn);
            var rrnBirth = rrn?.BirthDate;
            var birth = rrnBirth;
            if (row["birth_date"] is { } birthText)
            {
                if (FixedWidthDate.Read(birthText, "yyyy-MM-dd") is { } parsed)
                {
                    if (rrnBirth is { } fromRrn && fromRrn != parsed)
                    {
                        Warn("birth_date disagrees with the resident registration number; the number's date is kept");
                    }
                    else
                    {
                        birth = parsed;
                    }
                }
                else
                {
                    Warn($"birth_date '{birthText}' is not YYYY-MM-DD; left out");
                }
            }

            var phone = IdentityFields.Phone(row["phone"], Warn);
            taxpayers.Add(new TaxpayerProfile(id, fullName, rrn?.Hash, rrn?.Masked, birth, phone, row["address"]));
        }

        problems.AddRange(file.ProblemsWith(found));
        return taxpayers;
    }

    private static Dictionary<string, IReadOnlyList<TaxItem>> ReadItems(string path, HashSet<string> taxpayers, List<RowProblem> problems)
    {
        var name = Path.GetFileName(path);
        using var file = DelimitedFile.Open(path, DelimitedFile.EncodingNamed("utf-8"), ',', s_itemColumns);
        var found = new List<RowProblem>();
        var items = new Dictionary<string, List<TaxItem>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows())
        {
            void Reject(string reason) => found.Add(new RowProblem(name, row.Line, reason, true));

            if (row["taxpayer_id"] is not { } taxpayerId || row["item_id"] is not { } itemId)
            {
                Reject("taxpayer_id and item_id are required");
                continue;
            }

            if (IdFormat.Problem("item_id", itemId, IdFormat.ItemId) is { } badId)
            {
                Reject(badId);
                continue;
            }

            if (!taxpayers.Contains(taxpayerId))
            {
                Reject($"taxpayer {taxpayerId} is not on the roll (or its row was rejected)");
                continue;
            }

            if (!TryWon(row["principal_krw"], out var principal) || !TryWon(row["penalty_krw"], out var penalty) || !TryWon(row["costs_krw"], out var costs))
            {
                Reject("principal_krw, penalty_krw and costs_krw must be whole non-negative won");
                continue;
            }

            if (FixedWidthDate.Read(row["due_date"], "yyyy-MM-dd") is not { } due)
            {
                Reject($"due_date '{row["due_date"]}' is not YYYY-MM-DD");
                continue;
            }

            if (seen.TryGetValue(itemId, out var firstLine))
            {
                Reject($"item {itemId} already listed at line {firstLine}");
                continue;
            }

            var item = new TaxItem(itemId, row["tax_type"] ?? "unspecified", due, principal, penalty, costs);
            if (item.Problem() is { } problem)
            {
                Reject(problem);
                continue;
            }

            seen[itemId] = row.Line;
            if (!items.TryGetValue(taxpayerId, out var list))
            {
                items[taxpayerId] = list = [];
            }

            list.Add(item);
        }

        problems.AddRange(file.ProblemsWith(found));
        return items.ToDictionary(i => i.Key, i => (IReadOnlyList<TaxItem>)i.Value, StringComparer.Ordinal);
    }

    private static bool TryWon(string? text, out long value) =>
        long.TryParse(text ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
