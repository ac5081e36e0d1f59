using Npgsql;
using NpgsqlTypes;
using Tracking.Storage.Persistence;

namespace Tracking.Storage.Postgres;

/// <summary>
/// State, events and read-model rows in one statement: events and rows are written only for the
/// versioned state writes that matched, so they can never be committed apart.
/// </summary>
internal sealed class PostgresGrainStore(NpgsqlDataSource dataSource) : IGrainStore
{
    // The whole batch in one set-based statement: creates (expected version 0) and versioned
    // updates, then the events and read-model rows of exactly the writes that matched. A write
    // that did not match comes back absent: a version conflict, or a change without a state to a
    // grain stored with one, which no writer that read the grain at its version sends (whether a
    // version has a state is fixed when it is written); its caller reads the grain again.
    private const string BatchWrite = """
        WITH w AS (
            SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[], $21::text[], $22::bigint[], $23::boolean[])
                AS w(partition, grain_type, grain_key, expected, state, at, indexed, record_hash, keeps_hash)
        ), created AS (
            INSERT INTO grain_state (partition, grain_type, grain_key, version, state, updated_at, indexed, indexed_at, record_hash)
            SELECT partition, grain_type, grain_key, 1, state, at, indexed, clock_timestamp(), record_hash FROM w WHERE expected = 0
            ON CONFLICT (grain_type, grain_key) DO NOTHING
            RETURNING grain_type, grain_key, version
        ), updated AS (
            UPDATE grain_state g SET version = w.expected + 1, state = w.state, updated_at = w.at, indexed = w.indexed,
                record_hash = CASE WHEN w.keeps_hash THEN g.record_hash ELSE w.record_hash END,
                indexed_at = CASE WHEN g.indexed IS DISTINCT FROM w.indexed THEN clock_timestamp() ELSE g.indexed_at END
            FROM w
            WHERE w.expected > 0 AND g.grain_type = w.grain_type AND g.grain_key = w.grain_key AND g.version = w.expected
              AND (w.state IS NOT NULL OR g.state IS NULL)
            RETURNING g.grain_type, g.grain_key, g.version
        ), written AS (
            SELECT * FROM created UNION ALL SELECT * FROM updated
        ), appended AS (
            INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at)
            SELECT e.partition, e.grain_type, e.grain_key, written.version, e.idx, e.event_type, e.payload, e.at
            FROM unnest($7::int[], $8::text[], $9::text[], $10::int[], $11::text[], $12::text[], $13::timestamptz[])
                AS e(partition, grain_type, grain_key, idx, event_type, payload, at)
            JOIN written ON written.grain_type = e.grain_type AND written.grain_key = e.grain_key
        ), view_owners AS (
            SELECT o.* FROM unnest($14::text[], $15::text[]) AS o(owner_type, owner_key)
            JOIN written ON written.grain_type = o.owner_type AND written.grain_key = o.owner_key
        ), view_rows AS (
            SELECT v.* FROM unnest($16::text[], $17::text[], $18::text[], $19::text[], $20::text[]) AS v(owner_type, owner_key, view, view_key, doc)
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
        SELECT grain_type, grain_key FROM written
        """;

    /// <summary>
    /// Creations without read-model rows, this many or more in a batch, are copied in (binary COPY)
    /// instead: a few more round trips, but less than half the server's work per grain of the batch statement
    /// (loadtests/README.md, "Imports copied in"). A bulk import sends thousands at a time.
    /// </summary>
    private const int LeastCopied = 32;

    /// <summary>Tries at reading the clock behind the writes, a second longer apart each time.</summary>
    private const int MostClockAttempts = 10;

    public async Task<IReadOnlyList<StoredState?>> ReadStatesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken)
    {
        var states = new StoredState?[grains.Count];
        await using (var command = dataSource.CreateCommand("""
            SELECT k.i, s.version, s.state
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(grain_type, grain_key, i)
            JOIN grain_state s ON s.grain_type = k.grain_type AND s.grain_key = k.grain_key
            """))
        {
            AddKeys(command, grains);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states[reader.GetInt64(0) - 1] = new StoredState(reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        // Grains stored as their events alone are read with those, in a second query: joined into
        // the first, every read paid for them (and an unanalyzed table's estimates put the plan over
        // the server's JIT threshold). Only the events up to the version read are theirs: a write
        // since the first query only makes the caller's next write a conflict, as any read does.
        var eventsOnly = Enumerable.Range(0, states.Length).Where(i => states[i] is { Json: null }).ToArray();
        if (eventsOnly.Length == 0)
        {
            return states;
        }

        await using (var command = dataSource.CreateCommand("""
            SELECT k.i, e.payload
            FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS k(grain_type, grain_key, version, i)
            JOIN grain_events e ON e.grain_type = k.grain_type AND e.grain_key = k.grain_key AND e.version <= k.version
            ORDER BY k.i, e.version, e.idx
            """))
        {
            AddKeys(command, [.. eventsOnly.Select(i => grains[i])]);
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. eventsOnly.Select(i => states[i]!.Version)] });
            var events = eventsOnly.Select(_ => new List<string>()).ToArray();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events[reader.GetInt64(0) - 1].Add(reader.GetString(1));
            }

            for (var n = 0; n < eventsOnly.Length; n++)
            {
                states[eventsOnly[n]] = states[eventsOnly[n]]! with { Events = events[n] };
            }
        }

        return states;
    }

    private static void AddKeys(NpgsqlCommand command, IReadOnlyList<GrainKey> keys)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(g => g.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(g => g.Key).ToArray() });
    }

    public async Task<IReadOnlyList<StoredRow?>> ReadRowsAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) =>
        await ReadEachAsync<StoredRow?>(grains, "s.version, s.state IS NOT NULL, s.indexed", row => new StoredRow(row.GetInt64(0), row.GetBoolean(1), row.IsDBNull(2) ? null : row.GetString(2)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<StoredRecordHash>> ReadRecordHashesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) =>
        await ReadEachAsync(grains, "s.record_hash", row => new StoredRecordHash(Stored: true, row.IsDBNull(0) ? null : row.GetInt64(0)), cancellationToken).ConfigureAwait(false);

    /// <summary>Columns of each grain's row (<paramref name="read"/> numbers them from 0), in one query; the default for a grain never written.</summary>
    private async Task<T[]> ReadEachAsync<T>(IReadOnlyList<GrainKey> grains, string columns, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {columns}, k.i
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(grain_type, grain_key, i)
            JOIN grain_state s ON s.grain_type = k.grain_type AND s.grain_key = k.grain_key
            """);
        AddKeys(command, grains);
        var rows = new T[grains.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[reader.GetInt64(reader.FieldCount - 1) - 1] = read(reader);
        }

        return rows;
    }

    public async Task WriteRecordHashesAsync(IReadOnlyList<CheckedRecordHash> hashes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE grain_state g SET record_hash = c.hash
            FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS c(grain_type, grain_key, version, hash)
            WHERE g.grain_type = c.grain_type AND g.grain_key = c.grain_key AND g.version = c.version
            """);
        AddKeys(command, [.. hashes.Select(h => h.Grain)]);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. hashes.Select(h => h.Version)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. hashes.Select(h => h.Hash)] });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            // A writer of the same rows (a sweep's recording) locked them in another order. Nothing is
            // lost: these grains' states are read again at the next import, which stores the hashes then.
        }
    }

    public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        // Set-based matching needs distinct grains; a silo never batches one grain twice (one
        // activation, one write at a time), but the contract holds for any caller.
        if (writes.Count > 1 && writes.DistinctBy(w => w.Grain).Count() != writes.Count)
        {
            return await WriteEachAloneAsync(writes, cancellationToken).ConfigureAwait(false);
        }

        if (writes.Count >= LeastCopied && writes.All(w => w.ExpectedVersion == 0 && (w.Views is null || w.Views.Count == 0))
            && await TryCopyCreationsAsync(writes, cancellationToken).ConfigureAwait(false))
        {
            return [.. writes.Select(w => new WriteOutcome.Written(w.NewVersion))];
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

    public async Task<long> ReadAllAsync(string grainType, DateTimeOffset? indexedSince, int pageSize, Func<IReadOnlyList<IndexedRecord>, Task> page, CancellationToken cancellationToken)
    {
        // One scan, streamed. Pages read along the key instead would each be a query, and with the
        // statistics of a table just loaded the planner sorts all the rest of the table for each.
        // The few changed since a time are found by the same scan: an index on the time would cost every write.
        await using var command = dataSource.CreateCommand("SELECT grain_key, indexed FROM grain_state WHERE grain_type = $1 AND ($2::timestamptz IS NULL OR indexed_at >= $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = indexedSince?.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await IndexedRecord.PagesAsync(reader, pageSize, page, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset> ReadClockAsync(CancellationToken cancellationToken)
    {
        // The lock waits for every write under way (each holds the table's ROW EXCLUSIVE lock until
        // it commits) and holds new ones back until the clock is read; a write stamps its rows with
        // clock_timestamp() once it holds its lock, so every write committed later is stamped later.
        // A vacuum holds a lock this one waits for, and writes queue behind a waiting lock: it waits
        // a moment at a time, letting the writes through between tries. The moment is longer than
        // the server's deadlock_timeout (1 s by default), after which an autovacuum in the way is cancelled.
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt - 1), cancellationToken).ConfigureAwait(false);
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SET LOCAL lock_timeout = '2s'; LOCK TABLE grain_state IN SHARE MODE; SELECT clock_timestamp()", connection, transaction);
            try
            {
                DateTimeOffset clock;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    clock = reader.GetFieldValue<DateTimeOffset>(0);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return clock;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                if (attempt == MostClockAttempts)
                {
                    throw new StorageUnavailableException($"the store's clock could not be read behind its writes in {MostClockAttempts} tries (a vacuum or another lock holds grain_state)", ex);
                }
            }
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainKey grain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT version, idx, event_type, payload, recorded_at FROM grain_events
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

    /// <summary>
    /// Copies in grains never written, with their events, in one transaction; false (nothing
    /// committed) when the server refuses any of it, a grain already stored among them: the batch
    /// statement then tells each write's outcome. (A grain never written owns no read-model rows,
    /// so an empty list of them is nothing to replace.)
    /// </summary>
    private async Task<bool> TryCopyCreationsAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        try
        {
            await CopyCreationsAsync(writes, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    private async Task CopyCreationsAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Stamped with the store's clock read once the table's lock is held, as the batch
        // statement stamps each row: every write committed after a ReadClockAsync is stamped after it.
        DateTimeOffset indexedAt;
        await using (var stamp = new NpgsqlCommand("LOCK TABLE grain_state IN ROW EXCLUSIVE MODE; SELECT clock_timestamp()", connection, transaction))
        await using (var reader = await stamp.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            indexedAt = reader.GetFieldValue<DateTimeOffset>(0);
        }

        await using (var states = await BinaryCopyRows.BeginAsync(
            connection, "grain_state", ["partition", "grain_type", "grain_key", "version", "state", "updated_at", "indexed", "indexed_at", "record_hash"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var write in writes)
            {
                await StartRowOfAsync(states, write, cancellationToken).ConfigureAwait(false);
                states.Text(write.StateJson);
                states.Timestamptz(write.At);
                states.Text(write.Indexed);
                states.Timestamptz(indexedAt);
                states.Bigint(write.RecordHash);
            }

            await states.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var events = await BinaryCopyRows.BeginAsync(
            connection, "grain_events", ["partition", "grain_type", "grain_key", "version", "idx", "event_type", "payload", "recorded_at"], cancellationToken).ConfigureAwait(false))
        {
            foreach (var write in writes)
            {
                for (var i = 0; i < write.Events.Count; i++)
                {
                    await StartRowOfAsync(events, write, cancellationToken).ConfigureAwait(false);
                    events.Integer(i);
                    events.Text(write.Events[i].Type);
                    events.Text(write.Events[i].Json);
                    events.Timestamptz(write.At);
                }
            }

            await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A copied row begun with the columns both tables begin with: the grain's partition, type, key and new version.</summary>
    private static async ValueTask StartRowOfAsync(BinaryCopyRows rows, StateWrite write, CancellationToken cancellationToken)
    {
        await rows.StartRowAsync(cancellationToken).ConfigureAwait(false);
        rows.Integer(write.Partition);
        rows.Text(write.Grain.Type);
        rows.Text(write.Grain.Key);
        rows.Bigint(write.NewVersion);
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
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = writes.Select(w => w.StateJson).ToArray() });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = writes.Select(w => w.At.ToUniversalTime()).ToArray() });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = eventPartitions });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventTypes });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventKeys });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = eventIndexes });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventNames });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventPayloads });
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = eventTimes });
        var owners = writes.Where(w => w.Views is not null).ToArray();
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owners.Select(w => w.Grain.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = owners.Select(w => w.Grain.Key).ToArray() });
        var views = owners.SelectMany(w => w.Views!.Select(v => (Owner: w.Grain, Row: v))).ToArray();
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Owner.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Owner.Key).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Row.View).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Row.Key).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = views.Select(v => v.Row.Json).ToArray() });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = writes.Select(w => w.Indexed).ToArray() });
        parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = writes.Select(w => w.RecordHash).ToArray() });
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = writes.Select(w => w.KeepsRecordHash).ToArray() });

        // One statement is one transaction: the batch commits whole or not at all.
        var written = new HashSet<GrainKey>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                written.Add(new GrainKey(reader.GetString(0), reader.GetString(1)));
            }
        }

        return writes.Select(w => written.Contains(w.Grain) ? new WriteOutcome.Written(w.NewVersion) : WriteOutcome.ConflictOutcome).ToArray();
    }
}
