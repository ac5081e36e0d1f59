namespace Tracking.Runtime.Transport;

/// <summary>
/// A call could not be handed to a silo (refused, reset, timed out in transit) or the silo said it
/// does not hold the grain's partition: the caller looks again where the grain lives and retries.
/// </summary>
internal sealed class SiloUnreachableException(Uri silo, string reason, Exception? inner = null)
    : Exception($"Silo {silo} could not take the call: {reason}", inner);
