using Microsoft.AspNetCore.Http.Metadata;

namespace Tracking.Silo.Api;

/// <summary>An endpoint's own body limit in bytes, in place of the host's (applied by routing; 413 beyond).</summary>
internal sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
