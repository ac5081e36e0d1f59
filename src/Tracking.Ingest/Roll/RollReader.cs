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
        var key = rrnKey.ToArray();
        using var file = DelimitedFile.Open(path, DelimitedFile.EncodingNamed("utf-8"), ',', s_taxpayerColumns);
        var found = new List<RowProblem>();
        var taxpayers = new List<TaxpayerProfile>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        // Each row is made out on its own in parallel; a taxpayer listed twice is found here, in order.
        foreach (var row in file.ReadInBlocks(block => Array.ConvertAll(block, row => TaxpayerRow.Of(row, key))))
        {
            if (row.Rejection is { } reason)
            {
                found.Add(new RowProblem(name, row.Line, reason, Rejected: true));
                continue;
            }

            var taxpayer = row.Taxpayer!;
            if (seen.TryGetValue(taxpayer.TaxpayerId, out var firstLine))
            {
                found.Add(new RowProblem(name, row.Line, $"taxpayer {taxpayer.TaxpayerId} already listed at line {firstLine}", Rejected: true));
                continue;
            }

            seen[taxpayer.TaxpayerId] = row.Line;
            found.AddRange(row.Warnings.Select(warning => new RowProblem(name, row.Line, warning, Rejected: false)));
            taxpayers.Add(taxpayer);
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

        // Each row is made out on its own in parallel; an item listed twice is found here, in order.
        foreach (var row in file.ReadInBlocks(block => Array.ConvertAll(block, row => ItemRow.Of(row, taxpayers))))
        {
            void Reject(string reason) => found.Add(new RowProblem(name, row.Line, reason, Rejected: true));

            if (row.Rejection is { } reason)
            {
                Reject(reason);
                continue;
            }

            var item = row.Item!;
            if (seen.TryGetValue(item.ItemId, out var firstLine))
            {
                Reject($"item {item.ItemId} already listed at line {firstLine}");
                continue;
            }

            if (item.Problem() is { } problem)
            {
                Reject(problem);
                continue;
            }

            seen[item.ItemId] = row.Line;
            if (!items.TryGetValue(row.TaxpayerId!, out var list))
            {
                items[row.TaxpayerId!] = list = [];
            }

            list.Add(item);
        }

        problems.AddRange(file.ProblemsWith(found));
        return items.ToDictionary(i => i.Key, i => (IReadOnlyList<TaxItem>)i.Value, StringComparer.Ordinal);
    }

    private static bool TryWon(string? text, out long value) =>
        long.TryParse(text ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>What one row of the roll says on its own: why it is rejected, or the taxpayer it gives and what was wrong with its fields.</summary>
    private sealed record TaxpayerRow(int Line, string? Rejection, TaxpayerProfile? Taxpayer, IReadOnlyList<string> Warnings)
    {
        public static TaxpayerRow Of(DelimitedRow row, byte[] rrnKey)
        {
            if (row["taxpayer_id"] is not { } id || row["name"] is not { } fullName)
            {
                return new(row.Line, "taxpayer_id and name are required", null, []);
            }

            if (IdFormat.Problem("taxpayer_id", id, IdFormat.TaxpayerId) is { } badId)
            {
                return new(row.Line, badId, null, []);
            }

            var warnings = new List<string>();
            var rrn = IdentityFields.Rrn(row["rrn"], rrnKey, warnings.Add);
            var rrnBirth = rrn?.BirthDate;
            var birth = rrnBirth;
            if (row["birth_date"] is { } birthText)
            {
                if (FixedWidthDate.Read(birthText, "yyyy-MM-dd") is { } parsed)
                {
                    if (rrnBirth is { } fromRrn && fromRrn != parsed)
                    {
                        warnings.Add("birth_date disagrees with the resident registration number; the number's date is kept");
                    }
                    else
                    {
                        birth = parsed;
                    }
                }
                else
                {
                    warnings.Add($"birth_date '{birthText}' is not YYYY-MM-DD; left out");
                }
            }

            var phone = IdentityFields.Phone(row["phone"], warnings.Add);
            return new(row.Line, null, new TaxpayerProfile(id, fullName, rrn?.Hash, rrn?.Masked, birth, phone, row["address"]), warnings);
        }
    }

    /// <summary>What one row of the tax items says on its own: why it is rejected, or the item it gives and whose.</summary>
    private sealed record ItemRow(int Line, string? Rejection, string? TaxpayerId = null, TaxItem? Item = null)
    {
        public static ItemRow Of(DelimitedRow row, HashSet<string> taxpayers)
        {
            if (row["taxpayer_id"] is not { } taxpayerId || row["item_id"] is not { } itemId)
            {
                return new(row.Line, "taxpayer_id and item_id are required");
            }

            if (IdFormat.Problem("item_id", itemId, IdFormat.ItemId) is { } badId)
            {
                return new(row.Line, badId);
            }

            if (!taxpayers.Contains(taxpayerId))
            {
                return new(row.Line, $"taxpayer {taxpayerId} is not on the roll (or its row was rejected)");
            }

            if (!TryWon(row["principal_krw"], out var principal) || !TryWon(row["penalty_krw"], out var penalty) || !TryWon(row["costs_krw"], out var costs))
            {
                return new(row.Line, "principal_krw, penalty_krw and costs_krw must be whole non-negative won");
            }

            if (FixedWidthDate.Read(row["due_date"], "yyyy-MM-dd") is not { } due)
            {
                return new(row.Line, $"due_date '{row["due_date"]}' is not YYYY-MM-DD");
            }

            return new(row.Line, null, taxpayerId, new TaxItem(itemId, row["tax_type"] ?? "unspecified", due, principal, penalty, costs));
        }
    }
}
