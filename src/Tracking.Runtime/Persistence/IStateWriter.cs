namespace Tracking.Runtime.Persistence;

/// <summary>Durably writes one grain state; returns the new version or throws.</summary>
internal interface IStateWriter
{
    Task<long> WriteAsync(StateWrite write, CancellationToken cancellationToken);
}
