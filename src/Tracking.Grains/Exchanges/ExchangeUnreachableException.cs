namespace Tracking.Grains.Exchanges;

/// <summary>An exchange could not be asked: no address, refused, timed out or failing.</summary>
public sealed class ExchangeUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
