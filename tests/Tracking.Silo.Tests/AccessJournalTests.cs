using Tracking.Silo.Access;
using Tracking.Storage.Views;
using Tracking.TestingHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// The choice the case API makes (README, Case API): a read of a person's case is answered only
/// once its access record is durable. Records of reads arriving together commit together.
/// </summary>
public sealed class AccessJournalTests
{
    [Fact]
    public async Task No_read_is_answered_before_its_record_is_committed_and_reads_arriving_together_commit_together()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var store = await storage.OpenStoreAsync();
        var views = new GatedViews(store.Views);
        await using var journal = new AccessJournal(views, TimeProvider.System);

        var first = journal.RecordAsync("kim", "officer", "T07-0000001", "case", CancellationToken.None);
        await views.Entered.Task;
        var others = Enumerable.Range(0, 200).Select(i => journal.RecordAsync("kim", "officer", $"T07-{i:D7}", "case", CancellationToken.None)).ToArray();
        await Task.Delay(50);
        Assert.False(first.IsCompleted || others.Any(o => o.IsCompleted), "a read was answered before its record was committed");

        views.Open.SetResult();
        await Task.WhenAll([first, .. others]);
        Assert.True(views.Appends <= 3, $"{views.Appends} commits for 201 records");
        var stored = await store.Views.QueryAsync(new ViewQuery(AccessRecord.View, AccessRecord.AtField) { Limit = 1_000 }, CancellationToken.None);
        Assert.Equal(201, stored.Documents.Count);
    }

    [Fact]
    public async Task A_read_whose_record_cannot_be_written_is_not_answered()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Sqlite);
        await using var store = await storage.OpenStoreAsync();
        var views = new GatedViews(store.Views) { Failure = new Storage.Persistence.StorageUnavailableException("the store is down") };
        views.Open.SetResult();
        await using var journal = new AccessJournal(views, TimeProvider.System);

        await Assert.ThrowsAsync<Storage.Persistence.StorageUnavailableException>(() => journal.RecordAsync("kim", "officer", "T07-0000001", "case", CancellationToken.None));
    }

    /// <summary>The real store, whose appends wait at a gate (or fail) and are counted.</summary>
    private sealed class GatedViews(IViewStore inner) : IViewStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; init; }

        public int Appends { get; private set; }

        public Task EnsureAsync(IReadOnlyList<ViewDefinition> views, CancellationToken cancellationToken) => inner.EnsureAsync(views, cancellationToken);

        public Task<ViewPage> QueryAsync(ViewQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public Task<string?> FindAsync(string view, string key, CancellationToken cancellationToken) => inner.FindAsync(view, key, cancellationToken);

        public Task<IReadOnlyList<ViewGroup>> AggregateAsync(ViewAggregate aggregate, CancellationToken cancellationToken) => inner.AggregateAsync(aggregate, cancellationToken);

        public async Task AppendAsync(IReadOnlyList<ViewRow> rows, CancellationToken cancellationToken)
        {
            Appends++;
            Entered.TrySetResult();
            await Open.Task;
            if (Failure is not null)
            {
                throw Failure;
            }

            await inner.AppendAsync(rows, cancellationToken);
        }
    }
}
