using System.Globalization;
using Tracking.Domain;
using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Ingest.Files;

namespace Tracking.Ingest.Accounts;

/// <summary>The accounts read from one exchange file, and what was wrong with its rows.</summary>
public sealed record AccountFile(string Exchange, IReadOnlyList<AccountProfile> Accounts, IReadOnlyList<RowProblem> Problems, int Rows);

/// <summary>
/// Reads an exchange's account list (one row per account and asset, identity repeated on each row)
/// into one <see cref="AccountProfile"/> per account. Bad rows are reported with file, line and
/// reason and left out, and their account is left as it was (not read from this file); bad
/// identity fields are reported and dropped, keeping the row.
/// </summary>
public static class AccountFileReader
{
    public static AccountFile Read(string path, ExchangeProfile profile, ReadOnlySpan<byte> rrnKey)
    {
        var file = DelimitedFile.Read(path, DelimitedFile.EncodingNamed(profile.Encoding), profile.Delimiter, profile.RequiredColumns());
        var name = Path.GetFileName(path);
        var problems = new List<RowProblem>(file.Problems);
        var accounts = new Dictionary<string, AccountBuilder>(StringComparer.Ordinal);
        var columns = profile.Columns;

        // An account with a rejected row is left as it was, not changed without that row: a bad row
        // must never cost an account an asset until the right file comes.
        var withheld = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rejected in file.RejectedRows)
        {
            if (rejected[columns.AccountId] is { } owner)
            {
                withheld.TryAdd(owner, rejected.Line);
            }
        }

        foreach (var row in file.Rows)
        {
            void Reject(string reason)
            {
                problems.Add(new RowProblem(name, row.Line, reason, Rejected: true));
                if (row[columns.AccountId] is { } owner)
                {
                    withheld.TryAdd(owner, row.Line);
                }
            }

            void Warn(string reason) => problems.Add(new RowProblem(name, row.Line, reason, Rejected: false));

            if (row[columns.AccountId] is not { } accountId)
            {
                Reject($"no account id ({columns.AccountId})");
                continue;
            }

            if (IdFormat.Problem($"account id ({columns.AccountId})", accountId, IdFormat.AccountId) is { } badId)
            {
                Reject(badId);
                continue;
            }

            if (row[columns.Asset] is not { } asset)
            {
                Reject($"no asset ({columns.Asset})");
                continue;
            }

            if (!TryQuantity(row[columns.Quantity], out var quantity) || !TryQuantity(row[columns.Locked] ?? "0", out var locked))
            {
                Reject($"quantity '{row[columns.Quantity]}' or locked '{row[columns.Locked]}' is not a non-negative number");
                continue;
            }

            var total = profile.QuantityMeaning == QuantityMeaning.Available ? quantity + locked : quantity;
            if (locked > total)
            {
                Reject($"locked {locked} exceeds the total {total}");
                continue;
            }

            // The holder is repeated on each of the account's rows: read (and its RRN hashed) again only
            // where the row spells it otherwise; a row that repeats a bad field is told so again.
            var fields = HolderFields.Of(row, columns);
            if (!accounts.TryGetValue(accountId, out var account))
            {
                var warnings = new List<string>();
                account = accounts[accountId] = new AccountBuilder(row.Line, fields, ReadIdentity(row, profile, rrnKey, warnings.Add), warnings);
                warnings.ForEach(Warn);
            }
            else if (account.Fields == fields)
            {
                account.Warnings.ForEach(Warn);
            }
            else if (account.Identity != ReadIdentity(row, profile, rrnKey, Warn))
            {
                Warn($"account {accountId}'s holder differs from line {account.FirstLine}; the first is kept");
            }

            var code = asset.ToUpperInvariant();
            if (account.Holdings.TryGetValue(code, out var first))
            {
                Reject($"asset {code} of account {accountId} already listed at line {first.Line}");
                continue;
            }

            account.Holdings[code] = (row.Line, new Holding(code, total, locked));
        }

        foreach (var (accountId, line) in withheld.Where(w => accounts.ContainsKey(w.Key)))
        {
            problems.Add(new RowProblem(name, line, $"account {accountId} is left as it was: a row of it was rejected (line {line}); send the file again when it is right", Rejected: true));
        }

        var profiles = accounts.Where(a => !withheld.ContainsKey(a.Key)).Select(a => new AccountProfile(
                profile.Exchange,
                a.Key,
                a.Value.Identity.Name,
                a.Value.Identity.Birth,
                a.Value.Identity.Phone,
                a.Value.Identity.RrnHash,
                a.Value.Identity.RrnMasked,
                a.Value.Holdings.Values.OrderBy(h => h.Line).Select(h => h.Holding).ToArray()))
            .ToArray();
        return new AccountFile(profile.Exchange, profiles, problems.OrderBy(p => p.Line).ToArray(), file.Rows.Count + file.Problems.Count);
    }

    private static HolderIdentity ReadIdentity(DelimitedRow row, ExchangeProfile profile, ReadOnlySpan<byte> rrnKey, Action<string> warn)
    {
        var columns = profile.Columns;
        BirthDate? birth = null;
        if (row[columns.BirthDate] is { } birthText)
        {
            birth = BirthDate.Parse(birthText, profile.BirthDateFormat!);
            if (birth is null)
            {
                warn($"birth date '{birthText}' is not {profile.BirthDateFormat}; left out");
            }
        }

        var phone = IdentityFields.Phone(row[columns.Phone], warn);
        var rrn = IdentityFields.Rrn(row[columns.Rrn], rrnKey, warn);
        if (rrn is not null)
        {
            birth ??= BirthDate.Of(rrn.BirthDate);
        }

        return new HolderIdentity(row[columns.Name], birth, phone, rrn?.Hash, rrn?.Masked);
    }

    private static bool TryQuantity(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value) && value >= 0;

    private sealed record HolderIdentity(string? Name, BirthDate? Birth, string? Phone, string? RrnHash, string? RrnMasked);

    /// <summary>The holder's fields as the row spells them.</summary>
    private sealed record HolderFields(string? Name, string? Birth, string? Phone, string? Rrn)
    {
        public static HolderFields Of(DelimitedRow row, ExchangeColumns columns) => new(row[columns.Name], row[columns.BirthDate], row[columns.Phone], row[columns.Rrn]);
    }

    private sealed class AccountBuilder(int firstLine, HolderFields fields, HolderIdentity identity, List<string> warnings)
    {
        public int FirstLine { get; } = firstLine;

        public HolderFields Fields { get; } = fields;

        public HolderIdentity Identity { get; } = identity;

        /// <summary>What was wrong with the holder's fields on the first line.</summary>
        public List<string> Warnings { get; } = warnings;

        public Dictionary<string, (int Line, Holding Holding)> Holdings { get; } = new(StringComparer.Ordinal);
    }
}
