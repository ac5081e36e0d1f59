using Npgsql;
using Tracking.Runtime.Persistence;

namespace Tracking.Runtime.Postgres;

/// <summary>
/// State and events in one statement: events are inserted only for the versioned state writes
/// that matched, so a state and its events can never be committed apart.
/// </summary>
internal sealed class PostgresGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    // The whole batch in one set-based statement: creates (expected version 0) and versioned
    // updates, then the events of exactly the writes that matched. A write made under a lease is
    // admitted only while its silo holds the partition at the write's epoch; the lease rows are
    // read FOR SHARE, so a claim of the partition waits for this transaction to end. Each write
    // comes back as written ('w'), fenced ('f') or, by its absence, a version conflict.
    private const string BatchWrite = """
        WITH w AS (
            SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[], $23::bigint[])
                AS w(partition, grain_type, grain_key, expected, state, at, epoch)
        ), fence AS (
            SELECT partition, epoch FROM partition_leases
            WHERE owner = $22 AND expires_at > now() AND partition IN (SELECT partition FROM w)
            FOR SHARE
        ), admitted AS (
            SELECT w.* FROM w
            WHERE $22::text IS NULL OR EXISTS (SELECT 1 FROM fence f WHERE f.partition = w.partition AND f.epoch = w.epoch)
        ), created AS (
            INSERT INTO grain_state (partition, grain_type, grain_key, version, state, updated_at)
            SELECT partition, grain_type, grain_key, 1, state::jsonb, at FROM admitted WHERE expected = 0
            ON CONFLICT (grain_type, grain_key) DO NOTHING
            RETURNING grain_type, grain_key, version
        ), updated AS (
            UPDATE grain_state g SET version = w.expected + 1, state = w.state::jsonb, updated_at = w.at
            FROM admitted w
            WHERE w.expected > 0 AND g.grain_type = w.grain_type AND g.grain_key = w.grain_key AND g.version = w.expected
            RETURNING g.grain_type, g.grain_key, g.version
        ), written AS (
            SELECT * FROM created UNION ALL SELECT * FROM updated
        ), appended AS (
            INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at)
            SELECT e.partition, e.grain_type, e.grain_key, written.version, e.idx, e.event_type, e.payload::jsonb, e.at
            FROM unnest($7::int[], $8::text[], $9::text[], $10::int[], $11::text[], $12::text[], $13::timestamptz[])
                AS e(partition, grain_type, grain_key, idx, event_type, payload, at)
            JOIN written ON written.grain_type = e.grain_type AND written.grain_key = e.grain_key
        ), reminder_changes AS (
            SELECT r.* FROM unnest($14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::int[], $20::timestamptz[], $21::bool[])
                AS r(writer_type, writer_key, grain_type, grain_key, name, partition, due_at, is_set)
            JOIN written ON written.grain_type = r.writer_type AND written.grain_key = r.writer_key
        ), reminders_set AS (
            INSERT INTO reminders (grain_type, grain_key, name, partition, due_at, period_ms)
            SELECT grain_type, grain_key, name, partition, due_at, NULL FROM reminder_changes WHERE is_set
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms
        ), reminders_cleared AS (
            DELETE FROM reminders r USING reminder_changes c
            WHERE NOT c.is_set AND r.grain_type = c.grain_type AND r.grain_key = c.grain_key AND r.name = c.name
        ), view_owners AS (
            SELECT o.* FROM unnest($24::text[], $25::text[]) AS o(owner_type, owner_key)
            JOIN written ON written.grain_type = o.owner_type AND written.grain_key = o.owner_key
        ), view_rows AS (
            SELECT v.* FROM unnest($26::text[], $27::text[], $28::text[], $29::text[], $30::text[]) AS v(owner_type, owner_key, view, view_key, doc)
            JOIN view_owners o ON o.owner_type = v.owner_type AND o.owner_key = v.owner_key
        ), views_dropped AS (
            DELETE FROM grain_views g USING view_owners o
            WHERE g.owner_type = o.owner_type AND g.owner_key = o.owner_key
              AND NOT EXISTS (SELECT 1 FROM view_rows r WHERE r.view = g.view AND r.view_key = g.view_key)
        ), views_set AS (
            INSERT INTO grain_views (view, view_key, owner_type, owner_key, doc)
            SELECT view, view_key, owner_type, owner_key, doc::jsonb FROM view_rows
            ON CONFLICT (view, view_key) DO UPDATE SET owner_type = excluded.owner_type, owner_key = excluded.owner_key, doc = excluded.doc
            WHERE (grain_views.owner_type, grain_views.owner_key, grain_views.doc) IS DISTINCT FROM (excluded.owner_type, excluded.owner_key, excluded.doc)
        )
        SELECT 'w', grain_type, grain_key FROM written
        UNION ALL
        SELECT 'f', w.grain_type, w.grain_key FROM w
        WHERE NOT EXISTS (SELECT 1 FROM admitted a WHERE a.grain_type = w.grain_type AND a.grain_key = w.grain_key)
        """;

    public async Task<IReadOnlyList<StoredState?>> ReadStatesAsync(IReadOnlyList<GrainId> grains, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT k.i, s.version, s.state::text
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(grain_type, grain_key, i)
            JOIN grain_state s ON s.grain_type = k.grain_type AND s.grain_key = k.grain_key
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = grains.Select(g => g.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = grains.Select(g => g.Key).ToArray() });
        var states = new StoredState?[grains.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states[reader.GetInt64(0) - 1] = new StoredState(reader.GetInt64(1), reader.GetString(2));
        }

        return states;
    }

    public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        // Set-based matching needs distinct grains; a silo never batches one grain twice, but
        // the contract holds for any caller.
        if (writes.Count > 1 && writes.DistinctBy(w => w.Grain).Count() != writes.Count)
        {
            return await WriteEachAloneAsync(writes, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await CommitAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException) when (writes.Count > 1)
        {
            // One write's data was refused and took the transaction down with it: commit each
            // write alone so only the bad one fails.
            return await WriteEachAloneAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            return [new WriteOutcome.Failed(ex)];
        }
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT grain_key FROM grain_state WHERE grain_type = $1 AND grain_key > $2 ORDER BY grain_key LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter { Value = after ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT version, idx, event_type, payload::text, recorded_at FROM grain_events
            WHERE grain_type = $1 AND grain_key = $2 ORDER BY version, idx
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return events;
    }

    private async Task<IReadOnlyList<WriteOutcome>> WriteEachAloneAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            outcomes[i] = (await WriteBatchAsync([writes[i]], cancellationToken).ConfigureAwait(false))[0];
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<WriteOutcome>> CommitAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        var eventCount = writes.Sum(w => w.Events.Count);
        var (eventPartitions, eventTypes, eventKeys, eventIndexes, eventNames, eventPayloads, eventTimes) =
            (new int[eventCount], new string[eventCount], new string[eventCount], new int[eventCount], new string[eventCount], new string[eventCount], new DateTimeOffset[eventCount]);
        var e = 0;
        foreach (var write in writes)
        {
            for (var i = 0; i < write.Events.Count; i++, e++)
            {
                (eventPartitions[e], eventTypes[e], eventKeys[e], eventIndexes[e]) = (write.Partition, write.Grain.Type, write.Grain.Key, i);
                (eventNames[e], eventPayloads[e], eventTimes[e]) = (write.Events[i].Type, write.Events[i].Json, write.At.ToUniversalTime());
            }
        }

        await using var command = dataSource.CreateCommand(BatchWrite);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = writes.Select(w => w.Partition).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = writes.Select(w => w.Grain.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = writes.Select(w => w.Grain.Key).ToArray() });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = writes.Select(w => w.ExpectedVersion).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = writes.Select(w => w.StateJson).ToArray() });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = writes.Select(w => w.At.ToUniversalTime()).ToArray() });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = eventPartitions });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventTypes });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventKeys });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = eventIndexes });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventNames });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventPayloads });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = eventTimes });
        var reminders = writes.SelectMany(w => w.Reminders.Select(r => (Writer: w.Grain, Change: r))).ToArray();
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = reminders.Select(r => r.Writer.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = reminders.Select(r => r.Writer.Key).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = reminders.Select(r => r.Change.Grain.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = reminders.Select(r => r.Change.Grain.Key).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = reminders.Select(r => r.Change.Name).ToArray() });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = reminders.Select(r => r.Change.Partition).ToArray() });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = reminders.Select(r => (r.Change.DueAt ?? DateTimeOffset.UnixEpoch).ToUniversalTime()).ToArray() });
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = reminders.Select(r => r.Change.DueAt is not null).ToArray() });
        var silo = writes[0].Fence?.Silo;
        if (writes.Any(w => w.Fence?.Silo != silo))
        {
            throw new ArgumentException("All writes of one batch are made by one silo, under its own leases.", nameof(writes));
        }

        parameters.Add(new NpgsqlParameter<string?> { TypedValue = silo, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = writes.Select(w => w.Fence?.Epoch ?? 0).ToArray() });
        var owners = writes.Where(w => w.Views is not null).ToArray();
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owners.Select(w => w.Grain.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owners.Select(w => w.Grain.Key).ToArray() });
        var views = owners.SelectMany(w => w.Views!.Select(v => (Owner: w.Grain, Row: v))).ToArray();
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Owner.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Owner.Key).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Row.View).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Row.Key).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Row.Json).ToArray() });

        // One statement is one transaction: the batch commits whole or not at all.
        var (written, fenced) = (new HashSet<GrainId>(), new HashSet<GrainId>());
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (reader.GetString(0) == "w" ? written : fenced).Add(new GrainId(reader.GetString(1), reader.GetString(2)));
            }
        }

        return writes.Select(w => written.Contains(w.Grain) ? new WriteOutcome.Written(w.NewVersion) : fenced.Contains(w.Grain) ? WriteOutcome.FencedOutcome : WriteOutcome.ConflictOutcome).ToArray();
    }
}
