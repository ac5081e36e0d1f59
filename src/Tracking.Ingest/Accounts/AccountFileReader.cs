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
        using var file = DelimitedFile.Open(path, DelimitedFile.EncodingNamed(profile.Encoding), profile.Delimiter, profile.RequiredColumns());
        var name = Path.GetFileName(path);
        var problems = new List<RowProblem>();
        var accounts = new Dictionary<string, AccountBuilder>(StringComparer.Ordinal);
        var columns = profile.Columns;

        // An account with a rejected row is left as it was, not changed without that row: a bad row
        // must never cost an account an asset until the right file comes.
        var withheld = new Dictionary<string, int>(StringComparer.Ordinal);
        void Withhold(DelimitedRow row)
        {
            if (row[columns.AccountId] is { } owner && (!withheld.TryGetValue(owner, out var line) || row.Line < line))
            {
                withheld[owner] = row.Line;
            }
        }

        var accountIdLabel = $"account id ({columns.AccountId})";
        var identityWarnings = new List<string>();
        Action<string> warnIdentity = identityWarnings.Add;
        foreach (var row in file.Rows())
        {
            void Reject(string reason)
            {
                problems.Add(new RowProblem(name, row.Line, reason, Rejected: true));
                Withhold(row);
            }

            void Warn(string reason) => problems.Add(new RowProblem(name, row.Line, reason, Rejected: false));

            if (row[columns.AccountId] is not { } accountId)
            {
                Reject($"no account id ({columns.AccountId})");
                continue;
            }

            if (IdFormat.Problem(accountIdLabel, accountId, IdFormat.AccountId) is { } badId)
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
            identityWarnings.Clear();
            if (!accounts.TryGetValue(accountId, out var account))
            {
                var identity = ReadIdentity(row, profile, rrnKey, warnIdentity);
                account = accounts[accountId] = new AccountBuilder(row.Line, HolderFields.Of(row, columns), identity, [.. identityWarnings]);
            }
            else if (account.Fields.SpelledAs(row, columns))
            {
                identityWarnings.AddRange(account.Warnings);
            }
            else if (account.Identity != ReadIdentity(row, profile, rrnKey, warnIdentity))
            {
                identityWarnings.Add($"account {accountId}'s holder differs from line {account.FirstLine}; the first is kept");
            }

            // Delegates over the row would cost an object per row: the warnings are taken in a loop.
            foreach (var warning in identityWarnings)
            {
                Warn(warning);
            }

            var code = asset.ToUpperInvariant();
            if (account.LineOf(code) is { } first)
            {
                Reject($"asset {code} of account {accountId} already listed at line {first}");
                continue;
            }

            account.Add(row.Line, new Holding(code, total, locked));
        }

        foreach (var rejected in file.RejectedRows)
        {
            Withhold(rejected);
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
                a.Value.Holdings.Select(h => h.Holding).ToArray()))
            .ToArray();
        return new AccountFile(profile.Exchange, profiles, file.ProblemsWith(problems), file.RowCount);
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

        public bool SpelledAs(DelimitedRow row, ExchangeColumns columns) =>
            Name == row[columns.Name] && Birth == row[columns.BirthDate] && Phone == row[columns.Phone] && Rrn == row[columns.Rrn];
    }

    private sealed class AccountBuilder(int firstLine, HolderFields fields, HolderIdentity identity, string[] warnings)
    {
        public int FirstLine { get; } = firstLine;

        public HolderFields Fields { get; } = fields;

        public HolderIdentity Identity { get; } = identity;

        /// <summary>What was wrong with the holder's fields on the first line.</summary>
        public string[] Warnings { get; } = warnings;

        /// <summary>In line order, as the rows come.</summary>
        public List<(int Line, Holding Holding)> Holdings { get; } = [];

        /// <summary>Lines by asset, once an account has more than a few: a file may list thousands for one.</summary>
        private Dictionary<string, int>? _lines;

        /// <summary>The line the asset was listed at, if it was.</summary>
        public int? LineOf(string asset)
        {
            if (_lines is not null)
            {
                return _lines.TryGetValue(asset, out var line) ? line : null;
            }

            foreach (var (line, holding) in Holdings)
            {
                if (holding.Asset == asset)
                {
                    return line;
                }
            }

            return null;
        }

        public void Add(int line, Holding holding)
        {
            Holdings.Add((line, holding));
            if (_lines is not null)
            {
                _lines[holding.Asset] = line;
            }
            else if (Holdings.Count > 8)
            {
                _lines = Holdings.ToDictionary(h => h.Holding.Asset, h => h.Line, StringComparer.Ordinal);
            }
        }
    }
}
