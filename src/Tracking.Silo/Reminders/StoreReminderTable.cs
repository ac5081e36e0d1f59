using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Tracking.Storage.Reminders;

namespace Tracking.Silo.Reminders;

/// <summary>
/// Orleans' reminder service keeps its reminders in Tracking's store through this table: a
/// seizure sets or moves its reminder at nearly every step, and these writes are group-committed
/// with other grains' (one transaction for many), where Orleans' ADO.NET table spends a
/// transaction on each. The contract is Orleans': rows by grain, by arc of the hash ring, by
/// name; an upsert answers the new ETag (the row's version), a removal succeeds only at the ETag
/// read.
/// </summary>
public sealed class StoreReminderTable(ReminderStore store, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        Data(await store.ReadGrainAsync(_serviceId, grainId.ToString(), cancellationToken).ConfigureAwait(false));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        Data(await store.ReadRangeAsync(_serviceId, new ReminderRange(begin, end), cancellationToken).ConfigureAwait(false));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        await store.ReadAsync(_serviceId, grainId.ToString(), reminderName, cancellationToken).ConfigureAwait(false) is { } row ? Entry(row) : null;

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        // Orleans hands over UTC times; one of unspecified kind is taken as UTC too.
        var startAt = new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, entry.StartAt.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc));
        var write = new ReminderWrite.Set(_serviceId, entry.GrainId.ToString(), entry.ReminderName, startAt, entry.Period, unchecked((int)entry.GrainId.GetUniformHashCode()));
        return (await store.SetAsync(write, cancellationToken).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? store.RemoveAsync(new ReminderWrite.Remove(_serviceId, grainId.ToString(), reminderName, version), cancellationToken)
            : Task.FromResult(false);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => store.ClearAsync(_serviceId, cancellationToken);

    private static ReminderTableData Data(IReadOnlyList<ReminderRow> rows) => new(rows.Select(Entry));

    private static ReminderEntry Entry(ReminderRow row) => new()
    {
        GrainId = GrainId.Parse(row.GrainId),
        ReminderName = row.Name,
        StartAt = row.StartAt.UtcDateTime,
        Period = row.Period,
        ETag = row.Version.ToString(CultureInfo.InvariantCulture),
    };
}
