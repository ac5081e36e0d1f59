using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Tracking.Storage.Views;

/// <summary>
/// Views in the <c>grain_views</c> table over ADO.NET, for any store whose SQL has JSON's
/// <c>-&gt;&gt;</c>, row values and <c>ON CONFLICT</c> (PostgreSQL, SQLite ≥ 3.38). Filters and
/// sorts are written exactly as the indexes are, so the indexes serve them.
/// </summary>
public sealed class SqlViewStore(Func<CancellationToken, Task<DbConnection>> open, ViewDialect dialect) : IViewStore
{
    private const char CursorSeparator = '\u001f';
    private readonly ViewTotals _totals = new(TimeProvider.System);

    public async Task EnsureAsync(IReadOnlyList<ViewDefinition> views, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var statements = new List<string>();
        if (dialect.SerializeSchemaChanges is { } serialize)
        {
            statements.Add(serialize);
        }

        // Each index holds its own view's rows only: a case row's update no longer enters the
        // review, receipt and suspense indexes too. The view stays the first column: without it
        // SQLite read an unfiltered page along the primary key and sorted the whole view.
        var dropped = new List<string>();
        foreach (var view in views)
        {
            var only = $"WHERE view = {Literal(view.Name)}";
            statements.Add($"CREATE INDEX IF NOT EXISTS gvp_{view.Name}_by_{view.Sort.Name} ON grain_views (view, ({Expression(view.Sort)}), view_key) {only}");
            dropped.Add($"gv_{view.Name}_by_{view.Sort.Name}");
            foreach (var filter in view.Filters)
            {
                statements.Add($"CREATE INDEX IF NOT EXISTS gvp_{view.Name}_{filter.Name}_by_{view.Sort.Name} ON grain_views (view, ({Expression(filter)}), ({Expression(view.Sort)}), view_key) {only}");
                dropped.Add($"gv_{view.Name}_{filter.Name}_by_{view.Sort.Name}");
            }
        }

        // The first shape (every view's rows, gv_) goes last: dropping an index locks the table
        // against reads too, so that lock is taken only once the new indexes are built, just
        // before the commit (building them blocks writes, as any index build in a transaction does).
        statements.AddRange(dropped.Select(index => $"DROP INDEX IF EXISTS {index}"));

        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            if (dialect.SchemaChangeTimeout is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ViewPage> QueryAsync(ViewQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit is < 1 or > 1_000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "A page holds 1 to 1,000 rows.");
        }

        // The total was counted for the first page and travels in the cursor: a list is counted once, not on every page.
        var total = query.After is { } after
            ? ParseCursor(after, query.Sort).Total
            : await _totals.GetAsync(query, ct => CountAsync(query, ct), cancellationToken).ConfigureAwait(false);
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        PageCommand(command, query);
        var documents = new List<string>();
        var (more, last) = (false, ("", ""));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // One row more than the page is read only to know whether another page follows.
            if (documents.Count == query.Limit)
            {
                more = true;
                break;
            }

            documents.Add(reader.GetString(0));
            last = (Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!, reader.GetString(2));
        }

        return new ViewPage(documents, more ? Cursor(total, last.Item1, last.Item2) : null, total);
    }

    /// <summary>The statement that reads <paramref name="query"/>'s page, one row more than it holds.</summary>
    internal static void PageCommand(DbCommand command, ViewQuery query)
    {
        var sort = Expression(query.Sort);
        var (order, beyond) = query.Ascending ? ("ASC", ">") : ("DESC", "<");
        var where = new StringBuilder(Where(command, query.View, query.Filters));
        if (query.After is { } after)
        {
            var (_, value, key) = ParseCursor(after, query.Sort);
            where.Append(CultureInfo.InvariantCulture, $" AND (({sort}), view_key) {beyond} ({Parameter(command, value)}, {Parameter(command, key)})");
        }

        command.CommandText = $"SELECT CAST(doc AS TEXT), {sort}, view_key FROM grain_views WHERE {where} ORDER BY ({sort}) {order}, view_key {order} LIMIT {Parameter(command, query.Limit + 1)}";
    }

    /// <summary>The statement that counts the rows <paramref name="query"/>'s list holds.</summary>
    internal static void CountCommand(DbCommand command, ViewQuery query) =>
        command.CommandText = $"SELECT count(*) FROM grain_views WHERE {Where(command, query.View, query.Filters)}";

    private async Task<long> CountAsync(ViewQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var count = connection.CreateCommand();
        CountCommand(count, query);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<string?> FindAsync(string view, string key, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(doc AS TEXT) FROM grain_views WHERE view = {Parameter(command, view)} AND view_key = {Parameter(command, key)}";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<IReadOnlyList<ViewGroup>> AggregateAsync(ViewAggregate aggregate, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var keys = aggregate.GroupBy.Select(Expression).ToArray();
        var columns = keys.Append("count(*)").Concat(aggregate.Sums.Select(s => $"coalesce(sum({Expression(s)}), 0)"));
        command.CommandText = $"SELECT {string.Join(", ", columns)} FROM grain_views WHERE {Where(command, aggregate.View, aggregate.Filters)}"
            + (keys.Length > 0 ? $" GROUP BY {string.Join(", ", keys)} ORDER BY {string.Join(", ", keys)}" : "");
        var groups = new List<ViewGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = Enumerable.Range(0, keys.Length).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
            var sums = Enumerable.Range(keys.Length + 1, aggregate.Sums.Count).Select(i => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
            groups.Add(new ViewGroup(values, Convert.ToInt64(reader.GetValue(keys.Length), CultureInfo.InvariantCulture), sums));
        }

        return groups;
    }

    public async Task AppendAsync(IReadOnlyList<ViewRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = new StringBuilder();
        foreach (var row in rows)
        {
            values.Append(values.Length == 0 ? "" : ", ")
                .Append(CultureInfo.InvariantCulture, $"({Parameter(command, row.View)}, {Parameter(command, row.Key)}, '', '', {dialect.Document(Parameter(command, row.Json))})");
        }

        command.CommandText = $"INSERT INTO grain_views (view, view_key, owner_type, owner_key, doc) VALUES {values} ON CONFLICT (view, view_key) DO NOTHING";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Expression(ViewField field) => field.Kind == ViewFieldKind.Number
        ? $"CAST(doc->>'{field.Name}' AS BIGINT)"
        : $"doc->>'{field.Name}'";

    private static string Where(DbCommand command, string view, IReadOnlyList<ViewFilter> filters)
    {
        // The view as a literal, as the partial indexes name it: a planner proves an index serves a query only from the same constant.
        var where = new StringBuilder($"view = {Literal(view)}");
        foreach (var filter in filters)
        {
            var op = filter.Operator switch
            {
                ViewOperator.Equal => "=",
                ViewOperator.AtLeast => ">=",
                ViewOperator.Below => "<",
                _ => throw new ArgumentOutOfRangeException(nameof(filters), filter.Operator, "Unknown operator."),
            };
            where.Append(CultureInfo.InvariantCulture, $" AND {Expression(filter.Field)} {op} {Parameter(command, Typed(filter.Field, filter.Value))}");
        }

        return where.ToString();
    }

    /// <summary>A view's name, which the application defines, as an SQL literal; anything but lower-case letters, digits and '_' is refused.</summary>
    private static string Literal(string view) =>
        view.Length > 0 && view.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            ? $"'{view}'"
            : throw new ArgumentException($"A view's name is lower-case letters, digits and '_', not '{view}'.", nameof(view));

    private static object Typed(ViewField field, object value) => field.Kind == ViewFieldKind.Number
        ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
        : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static string Parameter(DbCommand command, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return "@" + parameter.ParameterName;
    }

    private static string Cursor(long total, string sortValue, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(total.ToString(CultureInfo.InvariantCulture) + CursorSeparator + sortValue + CursorSeparator + key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (long Total, object Value, string Key) ParseCursor(string cursor, ViewField sort)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4)));
            var first = text.IndexOf(CursorSeparator, StringComparison.Ordinal);
            var second = first < 0 ? -1 : text.IndexOf(CursorSeparator, first + 1);
            if (second < 0 || !long.TryParse(text[..first], NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                throw new FormatException("not total|value|key");
            }

            var value = text[(first + 1)..second];
            return (total, sort.Kind == ViewFieldKind.Number ? long.Parse(value, CultureInfo.InvariantCulture) : value, text[(second + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException($"'{cursor}' is not a cursor this list returned.", nameof(cursor));
        }
    }
}
