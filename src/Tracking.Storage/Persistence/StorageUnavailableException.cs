namespace Tracking.Storage.Persistence;

/// <summary>Storage could not be reached or refused the operation.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
