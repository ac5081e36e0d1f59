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
        var key = rrnKey.ToArray();
        var problems = new List<RowProblem>();
        var accounts = new Dictionary<string, AccountBuilder>(StringComparer.Ordinal);

        // An account with a rejected row is left as it was, not changed without that row: a bad row
        // must never cost an account an asset until the right file comes.
        var withheld = new Dictionary<string, int>(StringComparer.Ordinal);
        void Withhold(int line, string? owner)
        {
            if (owner is not null && (!withheld.TryGetValue(owner, out var first) || line < first))
            {
                withheld[owner] = line;
            }
        }

        // Each row is made out on its own in parallel; what depends on the rows before it (the
        // account it adds to, the holder read first, an asset listed twice) is decided here, in order.
        foreach (var row in file.ReadInBlocks(block => AccountRow.ReadAll(block, profile, key)))
        {
            if (row.Rejection is { } reason)
            {
                problems.Add(new RowProblem(name, row.Line, reason, Rejected: true));
                Withhold(row.Line, row.AccountId);
                continue;
            }

            var (accountId, holding, holder) = (row.AccountId!, row.Holding!, row.Holder!);
            var warnings = holder.Warnings;
            if (!accounts.TryGetValue(accountId, out var account))
            {
                account = accounts[accountId] = new AccountBuilder(row.Line, holder);
            }
            else if (account.Holder.Fields == holder.Fields)
            {
                // A row that repeats a bad field is told so again.
                warnings = account.Holder.Warnings;
            }
            else if (account.Holder.Identity != holder.Identity)
            {
                warnings = [.. warnings, $"account {accountId}'s holder differs from line {account.FirstLine}; the first is kept"];
            }

            foreach (var warning in warnings)
            {
                problems.Add(new RowProblem(name, row.Line, warning, Rejected: false));
            }

            if (account.LineOf(holding.Asset) is { } first)
            {
                problems.Add(new RowProblem(name, row.Line, $"asset {holding.Asset} of account {accountId} already listed at line {first}", Rejected: true));
                Withhold(row.Line, accountId);
                continue;
            }

            account.Add(row.Line, holding);
        }

        foreach (var rejected in file.RejectedRows)
        {
            Withhold(rejected.Line, rejected[profile.Columns.AccountId]);
        }

        foreach (var (accountId, line) in withheld.Where(w => accounts.ContainsKey(w.Key)))
        {
            problems.Add(new RowProblem(name, line, $"account {accountId} is left as it was: a row of it was rejected (line {line}); send the file again when it is right", Rejected: true));
        }

        var profiles = accounts.Where(a => !withheld.ContainsKey(a.Key)).Select(a => new AccountProfile(
                profile.Exchange,
                a.Key,
                a.Value.Holder.Identity.Name,
                a.Value.Holder.Identity.Birth,
                a.Value.Holder.Identity.Phone,
                a.Value.Holder.Identity.RrnHash,
                a.Value.Holder.Identity.RrnMasked,
                a.Value.Holdings.Select(h => h.Holding).ToArray()))
            .ToArray();
        return new AccountFile(profile.Exchange, profiles, file.ProblemsWith(problems), file.RowCount);
    }

    private static HolderIdentity ReadIdentity(DelimitedRow row, ExchangeProfile profile, byte[] rrnKey, Action<string> warn)
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

    /// <summary>The holder's fields as a row spells them.</summary>
    private sealed record HolderFields(string? Name, string? Birth, string? Phone, string? Rrn)
    {
        public static HolderFields Of(DelimitedRow row, ExchangeColumns columns) => new(row[columns.Name], row[columns.BirthDate], row[columns.Phone], row[columns.Rrn]);
    }

    /// <summary>A holder as a row spells it, who that is, and what was wrong with its fields.</summary>
    private sealed record HolderReading(HolderFields Fields, HolderIdentity Identity, string[] Warnings);

    /// <summary>What one row says on its own: why it is rejected, or the account, the holding and the holder it gives.</summary>
    private sealed record AccountRow(int Line, string? AccountId, string? Rejection, Holding? Holding = null, HolderReading? Holder = null)
    {
        public static AccountRow[] ReadAll(DelimitedRow[] block, ExchangeProfile profile, byte[] rrnKey)
        {
            var accountIdLabel = $"account id ({profile.Columns.AccountId})";
            var read = new AccountRow[block.Length];
            HolderReading? last = null;
            for (var i = 0; i < block.Length; i++)
            {
                read[i] = Of(block[i], profile, accountIdLabel, rrnKey, ref last);
            }

            return read;
        }

        /// <param name="last">The holder of the row before in the block: an account's rows come together and repeat their holder, which (with its RRN's hash) is read once for the rows that spell it alike.</param>
        private static AccountRow Of(DelimitedRow row, ExchangeProfile profile, string accountIdLabel, byte[] rrnKey, ref HolderReading? last)
        {
            var columns = profile.Columns;
            var accountId = row[columns.AccountId];
            AccountRow Rejected(string reason) => new(row.Line, accountId, reason);
            if (accountId is null)
            {
                return Rejected($"no account id ({columns.AccountId})");
            }

            if (IdFormat.Problem(accountIdLabel, accountId, IdFormat.AccountId) is { } badId)
            {
                return Rejected(badId);
            }

            if (row[columns.Asset] is not { } asset)
            {
                return Rejected($"no asset ({columns.Asset})");
            }

            if (!TryQuantity(row[columns.Quantity], out var quantity) || !TryQuantity(row[columns.Locked] ?? "0", out var locked))
            {
                return Rejected($"quantity '{row[columns.Quantity]}' or locked '{row[columns.Locked]}' is not a non-negative number");
            }

            if (quantity > Holding.MaxQuantity || locked > Holding.MaxQuantity)
            {
                return Rejected($"quantity {quantity} or locked {locked} is beyond any real holding (more than {Holding.MaxQuantity:N0} units)");
            }

            var total = profile.QuantityMeaning == QuantityMeaning.Available ? quantity + locked : quantity;
            if (locked > total)
            {
                return Rejected($"locked {locked} exceeds the total {total}");
            }

            var fields = HolderFields.Of(row, columns);
            if (last?.Fields != fields)
            {
                var warnings = new List<string>();
                last = new HolderReading(fields, ReadIdentity(row, profile, rrnKey, warnings.Add), [.. warnings]);
            }

            return new AccountRow(row.Line, accountId, null, new Holding(asset.ToUpperInvariant(), total, locked), last);
        }
    }

    private sealed class AccountBuilder(int firstLine, HolderReading holder)
    {
        public int FirstLine { get; } = firstLine;

        /// <summary>The holder as the first line gives it.</summary>
        public HolderReading Holder { get; } = holder;

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
