using System.Collections.Concurrent;
using System.Xml.Linq;
using Tracking.Silo.Access;
using Tracking.TestingHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// Data Protection calls the key repository synchronously, on whatever thread starts the host or
/// first reads the key ring — a test runner's thread, or any other with a synchronization context
/// of one thread. The repository's store calls must not need that thread back to finish.
/// </summary>
public sealed class StoreXmlRepositoryTests
{
    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Keys_are_stored_and_read_from_a_thread_whose_context_has_no_other_thread(string kind)
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        await using var store = await storage.OpenStoreAsync();
        await store.Views.EnsureAsync([StoreXmlRepository.Definition], CancellationToken.None);
        var repository = new StoreXmlRepository(store.Views, TimeProvider.System);
        using var thread = new SingleThreadContext();

        // Blocked on its own queue, the thread would never finish: the wait only tells a deadlock from an answer.
        var read = thread.Run(() =>
        {
            repository.StoreElement(new XElement("key", new XAttribute("id", "k1")), "k1");
            return repository.GetAllElements();
        });

        var elements = await read.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("k1", Assert.Single(elements).Attribute("id")?.Value);
    }

    /// <summary>A synchronization context served by one thread only, as a UI thread or a test runner's is.</summary>
    private sealed class SingleThreadContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];
        private readonly Thread _thread;

        public SingleThreadContext()
        {
            _thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                foreach (var (callback, state) in _queue.GetConsumingEnumerable())
                {
                    callback(state);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public Task<T> Run<T>(Func<T> work)
        {
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(_ =>
            {
                try
                {
                    result.SetResult(work());
                }
                catch (Exception ex)
                {
                    result.SetException(ex);
                }
            }, null);
            return result.Task;
        }

        public void Dispose() => _queue.CompleteAdding();
    }
}
