namespace Tracking.Silo.Access;

/// <summary>Marks an endpoint that takes a multipart form (uploads); the origin check still applies.</summary>
public sealed record FormPostsAllowed;
