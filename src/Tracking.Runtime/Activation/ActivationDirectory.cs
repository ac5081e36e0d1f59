using System.Collections.Concurrent;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Placement;

namespace Tracking.Runtime.Activation;

/// <summary>This silo's activations by grain id; creates one on the first message to a grain.</summary>
internal sealed class ActivationDirectory(GrainRuntime runtime, GrainPartitioner partitioner)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<Activation> All => _activations.Values;

    public bool Contains(GrainId id) => _activations.ContainsKey(id);

    public void Dispatch(GrainId id, GrainTypeInfo type, WorkItem item)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd(id, static (id, arg) => arg.Directory.Create(id, arg.Type), (Directory: this, Type: type));
            if (activation.TryEnqueue(item))
            {
                return;
            }

            // The activation is closing: wait for it to leave, so two instances of one grain never
            // run side by side, then try again with a fresh one.
            if (!activation.Deactivated.IsCompleted)
            {
                activation.Deactivated.ContinueWith(
                    static (_, state) =>
                    {
                        var (directory, id, type, item) = ((ActivationDirectory, GrainId, GrainTypeInfo, WorkItem))state!;
                        directory.Dispatch(id, type, item);
                    },
                    (this, id, type, item),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                return;
            }

            Remove(activation);
        }
    }

    public void Remove(Activation activation) => _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    private Activation Create(GrainId id, GrainTypeInfo type) =>
        new(new GrainContext(id, partitioner.PartitionOf(id), type, runtime));
}
