using Microsoft.Extensions.Logging;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Reminders;

namespace Tracking.Runtime.Activation;

/// <summary>The silo services every activation shares.</summary>
internal sealed record GrainRuntime(
    IServiceProvider Services,
    IGrainFactory GrainFactory,
    IGrainStorage Storage,
    StateReadBatcher Reader,
    IStateWriter Writer,
    GrainStateSerializer Serializer,
    ReminderService Reminders,
    Placement.GrainPartitioner Partitioner,
    Placement.PartitionMap? Partitions,
    MailboxDepth Mailboxes,
    TimeProvider TimeProvider,
    ILogger Logger);
